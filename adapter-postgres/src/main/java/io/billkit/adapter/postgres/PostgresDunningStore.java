package io.billkit.adapter.postgres;

import io.billkit.application.port.out.DunningStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.dunning.DunningAttempt;
import io.billkit.domain.dunning.DunningAttemptOutcome;
import io.billkit.domain.dunning.DunningCase;
import io.billkit.domain.dunning.DunningFinalAction;
import io.billkit.domain.dunning.DunningPolicy;
import io.billkit.domain.dunning.DunningStatus;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.subscription.SubscriptionId;
import org.jdbi.v3.core.statement.SqlStatement;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link DunningStore} on {@code dunning_cases} and {@code dunning_attempts} (V25_1). The retry queue is the partial
 * index {@code dunning_cases_due_idx} (RETRYING and CANCELLING rows only), claimed with {@code FOR UPDATE SKIP LOCKED}; an update
 * checks the version; an attempt is one {@code INSERT ... ON CONFLICT DO NOTHING}.
 */
final class PostgresDunningStore implements DunningStore {
    private static final String COLUMNS = "invoice_id, subscription_id, customer_id, retry_days, final_action, started_at,"
            + " retries_made, next_retry_at, status, ended_at, version";

    private final JdbiTransactions tx;

    PostgresDunningStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public boolean insert(DunningCase c) {
        Objects.requireNonNull(c, "dunning");
        return tx.withHandle(RowScope.customer(c.customer()), h -> bind(h.createUpdate("""
                        INSERT INTO dunning_cases (invoice_id, subscription_id, customer_id, retry_days, final_action,
                            started_at, retries_made, next_retry_at, status, ended_at, version)
                        VALUES (:invoice, :subscription, :customer, :days, :finalAction, :startedAt, :retriesMade,
                            :nextRetryAt, :status, :endedAt, :version)
                        ON CONFLICT (invoice_id) DO NOTHING"""), c).execute() == 1);
    }

    @Override
    public void update(DunningCase c) {
        Objects.requireNonNull(c, "dunning");
        int updated = tx.withHandle(RowScope.customer(c.customer()), h -> bind(h.createUpdate("""
                        UPDATE dunning_cases SET retries_made = :retriesMade, next_retry_at = :nextRetryAt,
                            status = :status, ended_at = :endedAt, version = :version, updated_at = now()
                        WHERE invoice_id = :invoice AND version = :version - 1"""), c).execute());
        if (updated != 1) {
            throw new BillingException(ErrorCode.CONFLICT, "dunning of invoice " + c.invoice() + " was changed concurrently");
        }
    }

    private static <S extends SqlStatement<S>> S bind(S statement, DunningCase c) {
        return statement.bind("invoice", c.invoice().value())
                .bind("subscription", c.subscription().value())
                .bind("customer", c.customer().value())
                .bindArray("days", Integer.class, c.policy().retryDays())
                .bind("finalAction", c.policy().finalAction().name())
                .bind("startedAt", SqlValues.timestamp(c.startedAt()))
                .bind("retriesMade", c.retriesMade())
                .bind("nextRetryAt", SqlValues.timestamp(c.nextRetryAt().orElse(null)))
                .bind("status", c.status().name())
                .bind("endedAt", SqlValues.timestamp(c.endedAt().orElse(null)))
                .bind("version", c.version());
    }

    @Override
    public Optional<DunningCase> find(InvoiceId invoice) {
        Objects.requireNonNull(invoice, "invoice");
        return tx.withHandle(RowScope.system(), h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM dunning_cases WHERE invoice_id = :invoice")
                .bind("invoice", invoice.value())
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    @Override
    public List<DunningCase> ofCustomer(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        return tx.withHandle(RowScope.customer(customer), h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM dunning_cases WHERE customer_id = :customer ORDER BY started_at DESC, invoice_id")
                .bind("customer", customer.value())
                .map((rs, ctx) -> map(rs))
                .list());
    }

    @Override
    public List<DunningCase> unresolvedOf(SubscriptionId subscription) {
        Objects.requireNonNull(subscription, "subscription");
        return tx.withHandle(RowScope.system(), h -> h.createQuery("SELECT " + COLUMNS + " FROM dunning_cases"
                        + " WHERE subscription_id = :subscription AND status IN ('RETRYING', 'CANCELLING', 'EXHAUSTED')"
                        + " ORDER BY started_at, invoice_id")
                .bind("subscription", subscription.value())
                .map((rs, ctx) -> map(rs))
                .list());
    }

    @Override
    public List<DunningCase> claimDue(Instant now, int limit, Set<InvoiceId> skip) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(skip, "skip");
        BillingException.require(limit >= 1, "limit must be at least 1 but was " + limit);
        return tx.withHandle(RowScope.system(), h -> h.createQuery("SELECT " + COLUMNS + " FROM dunning_cases"
                        + " WHERE status IN ('RETRYING', 'CANCELLING') AND next_retry_at <= :now"
                        + " AND NOT (invoice_id = ANY(CAST(:skip AS text[])))"
                        + " ORDER BY next_retry_at, invoice_id LIMIT :limit FOR UPDATE SKIP LOCKED")
                .bind("now", SqlValues.timestamp(now))
                .bindArray("skip", String.class, skip.stream().map(InvoiceId::value).toList())
                .bind("limit", limit)
                .map((rs, ctx) -> map(rs))
                .list());
    }

    @Override
    public boolean recordAttempt(DunningAttempt attempt) {
        Objects.requireNonNull(attempt, "attempt");
        return tx.withHandle(RowScope.system(), h -> h.createUpdate("""
                        INSERT INTO dunning_attempts (invoice_id, number, customer_id, attempted_at, outcome, detail)
                        SELECT invoice_id, :number, customer_id, :at, :outcome, :detail
                          FROM dunning_cases WHERE invoice_id = :invoice
                        ON CONFLICT (invoice_id, number) DO NOTHING""")
                .bind("invoice", attempt.invoice().value())
                .bind("number", attempt.number())
                .bind("at", SqlValues.timestamp(attempt.at()))
                .bind("outcome", attempt.outcome().name())
                .bind("detail", attempt.detail())
                .execute() == 1);
    }

    @Override
    public List<DunningAttempt> attempts(InvoiceId invoice) {
        Objects.requireNonNull(invoice, "invoice");
        return tx.withHandle(RowScope.system(), h -> h.createQuery("""
                        SELECT invoice_id, number, attempted_at, outcome, detail FROM dunning_attempts
                        WHERE invoice_id = :invoice ORDER BY number""")
                .bind("invoice", invoice.value())
                .map((rs, ctx) -> new DunningAttempt(InvoiceId.of(rs.getString("invoice_id")), rs.getInt("number"),
                        SqlValues.instant(rs, "attempted_at"), DunningAttemptOutcome.valueOf(rs.getString("outcome")),
                        rs.getString("detail")))
                .list());
    }

    private static DunningCase map(ResultSet rs) throws SQLException {
        Array days = rs.getArray("retry_days");
        List<Integer> retryDays = Arrays.stream((Integer[]) days.getArray()).toList();
        return new DunningCase(InvoiceId.of(rs.getString("invoice_id")), SubscriptionId.of(rs.getString("subscription_id")),
                CustomerId.of(rs.getString("customer_id")),
                new DunningPolicy(retryDays, DunningFinalAction.valueOf(rs.getString("final_action"))),
                SqlValues.instant(rs, "started_at"), rs.getInt("retries_made"),
                SqlValues.optionalInstant(rs, "next_retry_at"), DunningStatus.valueOf(rs.getString("status")),
                SqlValues.optionalInstant(rs, "ended_at"), rs.getLong("version"));
    }
}
