package io.billkit.adapter.postgres;

import io.billkit.application.port.out.CouponRedemptionStore;
import io.billkit.domain.coupon.CouponCode;
import io.billkit.domain.coupon.CouponRedemption;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.subscription.SubscriptionId;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link CouponRedemptionStore} on {@code coupon_redemptions}, every statement in the customer's row scope. */
final class PostgresCouponRedemptionStore implements CouponRedemptionStore {
    private static final String COLUMNS = "id, coupon_code, customer_id, subscription_id, redeemed_at, periods_applied,"
            + " removed_at";

    private final JdbiTransactions tx;

    PostgresCouponRedemptionStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    static CouponRedemption map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new CouponRedemption(rs.getString("id"), CouponCode.of(rs.getString("coupon_code")),
                CustomerId.of(rs.getString("customer_id")), SubscriptionId.of(rs.getString("subscription_id")),
                SqlValues.instant(rs, "redeemed_at"), rs.getInt("periods_applied"),
                SqlValues.optionalInstant(rs, "removed_at"));
    }

    @Override
    public void save(CouponRedemption r) {
        Objects.requireNonNull(r, "redemption");
        tx.useHandle(RowScope.customer(r.customer()), h -> h.createUpdate("""
                        INSERT INTO coupon_redemptions (id, coupon_code, customer_id, subscription_id, redeemed_at,
                            periods_applied, removed_at)
                        VALUES (:id, :coupon, :customer, :subscription, :redeemedAt, :periods, :removedAt)
                        ON CONFLICT (id) DO UPDATE SET periods_applied = EXCLUDED.periods_applied,
                            removed_at = EXCLUDED.removed_at""")
                .bind("id", r.id())
                .bind("coupon", r.coupon().value())
                .bind("customer", r.customer().value())
                .bind("subscription", r.subscription().value())
                .bind("redeemedAt", SqlValues.timestamp(r.redeemedAt()))
                .bind("periods", r.periodsApplied())
                .bind("removedAt", r.removedAt().map(SqlValues::timestamp).orElse(null))
                .execute());
    }

    @Override
    public Optional<CouponRedemption> find(CustomerId customer, String id) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(id, "id");
        return tx.withHandle(RowScope.customer(customer), h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM coupon_redemptions WHERE id = :id AND customer_id = :customer")
                .bind("id", id)
                .bind("customer", customer.value())
                .map(PostgresCouponRedemptionStore::map)
                .findOne());
    }

    @Override
    public List<CouponRedemption> ofSubscription(CustomerId customer, SubscriptionId subscription) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(subscription, "subscription");
        return tx.withHandle(RowScope.customer(customer), h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM coupon_redemptions WHERE customer_id = :customer AND subscription_id = :subscription"
                        + " ORDER BY redeemed_at, id")
                .bind("customer", customer.value())
                .bind("subscription", subscription.value())
                .map(PostgresCouponRedemptionStore::map)
                .list());
    }

    @Override
    public List<CouponRedemption> ofCustomer(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        return tx.withHandle(RowScope.customer(customer), h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM coupon_redemptions WHERE customer_id = :customer ORDER BY redeemed_at, id")
                .bind("customer", customer.value())
                .map(PostgresCouponRedemptionStore::map)
                .list());
    }
}
