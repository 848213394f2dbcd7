package io.billkit.adapter.postgres;

import io.billkit.application.port.out.PendingChargeStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.subscription.SubscriptionId;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link PendingChargeStore} on {@code pending_charges}. A charge row carries its subscription's
 * customer (read from {@code subscriptions}) so row-level security scopes every statement to that
 * customer; adding a charge for a subscription that is not stored is NOT_FOUND. {@code take} deletes and
 * returns in one statement ({@code DELETE ... RETURNING}), so a rolled-back take leaves the charges.
 */
final class PostgresPendingChargeStore implements PendingChargeStore {
    private static final String COLUMNS = "id, subscription_id, created_at, seq, " + InvoiceLineColumns.COLUMNS;

    private final JdbiTransactions tx;

    PostgresPendingChargeStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    /** A {@code pending_charges} row; {@code seq} orders charges created at the same instant. */
    record PendingChargeRow(String id, String subscriptionId, Instant createdAt, long seq, InvoiceLineColumns line) {
        static PendingChargeRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new PendingChargeRow(rs.getString("id"), rs.getString("subscription_id"),
                    SqlValues.instant(rs, "created_at"), rs.getLong("seq"), InvoiceLineColumns.map(rs));
        }

        PendingCharge toDomain() {
            return new PendingCharge(id, SubscriptionId.of(subscriptionId), line.toDomain(), createdAt);
        }
    }

    @Override
    public void add(PendingCharge charge) {
        Objects.requireNonNull(charge, "charge");
        String customer = customerOf(charge.subscription()).orElseThrow(() -> new BillingException(ErrorCode.NOT_FOUND,
                "subscription " + charge.subscription() + " not found for pending charge " + charge.id()));
        InvoiceLineColumns line = InvoiceLineColumns.of(charge.line());
        tx.useHandle(RowScope.customer(customer), h -> line.bindTo(h.createUpdate(
                        "INSERT INTO pending_charges (id, subscription_id, customer_id, created_at, "
                                + InvoiceLineColumns.COLUMNS + ") VALUES (:id, :subscription, :customer, :createdAt, "
                                + InvoiceLineColumns.PARAMETERS + ") ON CONFLICT (id) DO NOTHING"))
                .bind("id", charge.id())
                .bind("subscription", charge.subscription().value())
                .bind("customer", customer)
                .bind("createdAt", SqlValues.timestamp(charge.createdAt()))
                .execute());
    }

    @Override
    public List<PendingCharge> take(SubscriptionId subscription, Instant until) {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(until, "until");
        Optional<String> customer = customerOf(subscription);
        if (customer.isEmpty()) {
            return List.of();
        }
        return tx.withHandle(RowScope.customer(customer.get()), h -> h.createQuery(
                        "DELETE FROM pending_charges WHERE subscription_id = :subscription AND created_at < :until"
                                + " RETURNING " + COLUMNS)
                .bind("subscription", subscription.value())
                .bind("until", SqlValues.timestamp(until))
                .map(PendingChargeRow::map)
                .list()).stream()
                .sorted(java.util.Comparator.comparing(PendingChargeRow::createdAt).thenComparingLong(PendingChargeRow::seq))
                .map(PendingChargeRow::toDomain)
                .toList();
    }

    @Override
    public List<PendingCharge> peek(SubscriptionId subscription) {
        Objects.requireNonNull(subscription, "subscription");
        Optional<String> customer = customerOf(subscription);
        if (customer.isEmpty()) {
            return List.of();
        }
        return tx.withHandle(RowScope.customer(customer.get()), h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM pending_charges WHERE subscription_id = :subscription ORDER BY created_at, seq")
                .bind("subscription", subscription.value())
                .map(PendingChargeRow::map)
                .list()).stream().map(PendingChargeRow::toDomain).toList();
    }

    /** The subscription's customer (a system-scope lookup: the caller names only the subscription). */
    private Optional<String> customerOf(SubscriptionId subscription) {
        return tx.withHandle(RowScope.system(), h -> h.createQuery("SELECT customer_id FROM subscriptions WHERE id = :id")
                .bind("id", subscription.value())
                .mapTo(String.class)
                .findOne());
    }
}
