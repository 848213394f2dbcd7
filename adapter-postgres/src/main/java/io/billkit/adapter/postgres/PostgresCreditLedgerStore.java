package io.billkit.adapter.postgres;

import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.credit.CreditGrant;
import io.billkit.domain.credit.CreditGrantId;
import io.billkit.domain.credit.CreditLedger;
import io.billkit.domain.credit.CreditLedgerChange;
import io.billkit.domain.credit.CreditSource;
import io.billkit.domain.credit.CreditTransaction;
import io.billkit.domain.credit.CreditTransactionId;
import io.billkit.domain.credit.CreditTransactionType;
import io.billkit.domain.customer.CustomerId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link CreditLedgerStore} on {@code credit_ledgers} (one row per customer: the version),
 * {@code credit_grants} and {@code credit_transactions}.
 *
 * <p>{@link #load} inside a transaction locks the customer's ledger row ({@code SELECT ... FOR UPDATE},
 * inserting it first when missing), so load-change-apply sequences of one customer run one after the
 * other. {@link #apply} moves the version from the expected one to the change's with a conditional update (or,
 * from version 0, an insert that does nothing on conflict; no row written: CONFLICT), then upserts the grants' remaining credits and appends the transactions.
 */
final class PostgresCreditLedgerStore implements CreditLedgerStore {
    private final JdbiTransactions tx;

    PostgresCreditLedgerStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    /** A {@code credit_grants} row; {@code position} is the grant's index in the ledger. */
    record GrantRow(String customerId, String id, int position, String source, BigDecimal amount, BigDecimal remaining,
                    Instant grantedAt, Instant expiresAt, int priority, String reference) {
        static GrantRow of(CreditGrant g, int position) {
            return new GrantRow(g.customer().value(), g.id().value(), position, g.source().name(), g.amount(),
                    g.remaining(), g.grantedAt(), g.expiresAt().orElse(null), g.priority(), g.reference());
        }

        static GrantRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new GrantRow(rs.getString("customer_id"), rs.getString("id"), rs.getInt("position"),
                    rs.getString("source"), rs.getBigDecimal("amount"), rs.getBigDecimal("remaining"),
                    SqlValues.instant(rs, "granted_at"), SqlValues.instant(rs, "expires_at"), rs.getInt("priority"),
                    rs.getString("reference"));
        }

        CreditGrant toDomain() {
            return new CreditGrant(CreditGrantId.of(id), CustomerId.of(customerId), CreditSource.valueOf(source), amount,
                    remaining, grantedAt, Optional.ofNullable(expiresAt), priority, reference);
        }
    }

    /** A {@code credit_transactions} row. */
    record TransactionRow(String id, String customerId, String type, BigDecimal amount, String grantId,
                          String reference, Instant occurredAt) {
        static TransactionRow of(CreditTransaction t) {
            return new TransactionRow(t.id().value(), t.customer().value(), t.type().name(), t.amount(),
                    t.grantId().map(CreditGrantId::value).orElse(null), t.reference(), t.at());
        }

        static TransactionRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new TransactionRow(rs.getString("id"), rs.getString("customer_id"), rs.getString("type"),
                    rs.getBigDecimal("amount"), rs.getString("grant_id"), rs.getString("reference"),
                    SqlValues.instant(rs, "occurred_at"));
        }

        CreditTransaction toDomain() {
            return new CreditTransaction(CreditTransactionId.of(id), CustomerId.of(customerId),
                    CreditTransactionType.valueOf(type), amount, Optional.ofNullable(grantId).map(CreditGrantId::of),
                    reference, occurredAt);
        }
    }

    private static final String GRANT_COLUMNS =
            "customer_id, id, position, source, amount, remaining, granted_at, expires_at, priority, reference";
    private static final String TRANSACTION_COLUMNS = "id, customer_id, type, amount, grant_id, reference, occurred_at";

    @Override
    public CreditLedger load(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        boolean lock = tx.active();
        return tx.withHandle(RowScope.customer(customer), h -> {
            Optional<Long> version = version(h, customer, lock);
            if (version.isEmpty() && lock) {
                h.createUpdate("INSERT INTO credit_ledgers (customer_id) VALUES (:customer) ON CONFLICT DO NOTHING")
                        .bind("customer", customer.value())
                        .execute();
                version = version(h, customer, true);
            }
            List<CreditGrant> grants = h.createQuery("SELECT " + GRANT_COLUMNS
                            + " FROM credit_grants WHERE customer_id = :customer ORDER BY position, id")
                    .bind("customer", customer.value())
                    .map(GrantRow::map)
                    .list().stream().map(GrantRow::toDomain).toList();
            return new CreditLedger(customer, grants, version.orElse(0L));
        });
    }

    private static Optional<Long> version(Handle h, CustomerId customer, boolean forUpdate) {
        return h.createQuery("SELECT version FROM credit_ledgers WHERE customer_id = :customer"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("customer", customer.value())
                .mapTo(Long.class)
                .findOne();
    }

    @Override
    public void apply(long expectedVersion, CreditLedgerChange change) {
        Objects.requireNonNull(change, "change");
        CreditLedger next = change.ledger();
        CustomerId customer = next.customer();
        List<CreditTransaction> transactions = change.transactions();
        BillingException.require(transactions.isEmpty() || next.version() > expectedVersion,
                "credit ledger of " + customer + ": a change with transactions must move the version past "
                        + expectedVersion + " but reached " + next.version());
        tx.useHandle(RowScope.customer(customer), h -> {
            if (transactions.isEmpty()) {
                long stored = version(h, customer, false).orElse(0L);
                if (stored != expectedVersion) {
                    throw conflict(customer, expectedVersion);
                }
                return;
            }
            boolean moved = h.createUpdate("""
                            UPDATE credit_ledgers SET version = :next, updated_at = now()
                            WHERE customer_id = :customer AND version = :expected""")
                    .bind("customer", customer.value())
                    .bind("next", next.version())
                    .bind("expected", expectedVersion)
                    .execute() == 1;
            if (!moved && expectedVersion == 0) {
                moved = h.createUpdate("""
                                INSERT INTO credit_ledgers (customer_id, version) VALUES (:customer, :next)
                                ON CONFLICT (customer_id) DO NOTHING""")
                        .bind("customer", customer.value())
                        .bind("next", next.version())
                        .execute() == 1;
            }
            if (!moved) {
                throw conflict(customer, expectedVersion);
            }
            upsertGrants(h, next);
            PreparedBatch batch = h.prepareBatch("INSERT INTO credit_transactions (" + TRANSACTION_COLUMNS
                    + ") VALUES (:id, :customer, :type, :amount, :grantId, :reference, :occurredAt)");
            for (CreditTransaction t : transactions) {
                TransactionRow row = TransactionRow.of(t);
                BillingException.require(row.customerId().equals(customer.value()),
                        "transaction " + t.id() + " is of customer " + t.customer() + ", not " + customer);
                batch.bind("id", row.id())
                        .bind("customer", row.customerId())
                        .bind("type", row.type())
                        .bind("amount", row.amount())
                        .bind("grantId", row.grantId())
                        .bind("reference", row.reference())
                        .bind("occurredAt", SqlValues.timestamp(row.occurredAt()))
                        .add();
            }
            batch.execute();
        });
    }

    /** Inserts new grants and writes every grant's remaining credits (the other fields never change). */
    private static void upsertGrants(Handle h, CreditLedger ledger) {
        if (ledger.grants().isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO credit_grants (" + GRANT_COLUMNS + ") VALUES (:customer, :id,"
                + " :position, :source, :amount, :remaining, :grantedAt, :expiresAt, :priority, :reference)"
                + " ON CONFLICT (customer_id, id) DO UPDATE SET remaining = EXCLUDED.remaining"
                + " WHERE credit_grants.remaining <> EXCLUDED.remaining");
        List<CreditGrant> grants = ledger.grants();
        for (int i = 0; i < grants.size(); i++) {
            GrantRow row = GrantRow.of(grants.get(i), i);
            batch.bind("customer", row.customerId())
                    .bind("id", row.id())
                    .bind("position", row.position())
                    .bind("source", row.source())
                    .bind("amount", row.amount())
                    .bind("remaining", row.remaining())
                    .bind("grantedAt", SqlValues.timestamp(row.grantedAt()))
                    .bind("expiresAt", SqlValues.timestamp(row.expiresAt()))
                    .bind("priority", row.priority())
                    .bind("reference", row.reference())
                    .add();
        }
        batch.execute();
    }

    private static BillingException conflict(CustomerId customer, long expectedVersion) {
        return new BillingException(ErrorCode.CONFLICT, "credit ledger of customer " + customer
                + " moved past version " + expectedVersion + "; load it again and retry");
    }

    @Override
    public List<CreditTransaction> transactions(CustomerId customer, int limit) {
        Objects.requireNonNull(customer, "customer");
        BillingException.require(limit >= 1, "limit must be at least 1 but was " + limit);
        return tx.withHandle(RowScope.customer(customer), h -> h.createQuery("SELECT " + TRANSACTION_COLUMNS
                        + " FROM credit_transactions WHERE customer_id = :customer ORDER BY seq DESC LIMIT :limit")
                .bind("customer", customer.value())
                .bind("limit", limit)
                .map(TransactionRow::map)
                .list()).stream().map(TransactionRow::toDomain).toList();
    }

    @Override
    public List<CreditTransaction> transactionsByReference(CustomerId customer, String reference) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(reference, "reference");
        return tx.withHandle(RowScope.customer(customer), h -> h.createQuery("SELECT " + TRANSACTION_COLUMNS
                        + " FROM credit_transactions WHERE customer_id = :customer AND reference = :reference ORDER BY seq")
                .bind("customer", customer.value())
                .bind("reference", reference)
                .map(TransactionRow::map)
                .list()).stream().map(TransactionRow::toDomain).toList();
    }

    @Override
    public List<CustomerId> customersWithGrantsExpiringBy(Instant at, int limit) {
        Objects.requireNonNull(at, "at");
        BillingException.require(limit >= 1, "limit must be at least 1 but was " + limit);
        return tx.withHandle(RowScope.system(), h -> h.createQuery("""
                        SELECT DISTINCT customer_id FROM credit_grants
                        WHERE expires_at <= :at AND remaining > 0
                        ORDER BY customer_id LIMIT :limit""")
                .bind("at", SqlValues.timestamp(at))
                .bind("limit", limit)
                .mapTo(String.class)
                .list()).stream().map(CustomerId::of).toList();
    }
}
