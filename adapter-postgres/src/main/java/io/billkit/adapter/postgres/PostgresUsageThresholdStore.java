package io.billkit.adapter.postgres;

import io.billkit.application.port.out.UsageThresholdStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.UsageThresholds;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.SubscriptionId;
import org.jdbi.v3.core.Handle;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link UsageThresholdStore} on {@code usage_thresholds_plan} and {@code usage_thresholds_subscription} (V30_1).
 * {@link #claimSubscriptions} locks the live subscriptions' rows {@code FOR UPDATE OF s SKIP LOCKED} (in the system
 * scope), so concurrent checkers on other replicas take other subscriptions.
 */
final class PostgresUsageThresholdStore implements UsageThresholdStore {
    private final JdbiTransactions tx;

    PostgresUsageThresholdStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public Optional<UsageThresholds> forPlan(PlanCode plan) {
        Objects.requireNonNull(plan, "plan");
        return tx.withHandle(RowScope.system(), h -> h.createQuery(
                        "SELECT currency, amounts, recurring_every FROM usage_thresholds_plan WHERE plan_code = :code")
                .bind("code", plan.value()).map((rs, ctx) -> thresholds(rs)).findOne());
    }

    @Override
    public Optional<UsageThresholds> forSubscription(SubscriptionId subscription) {
        Objects.requireNonNull(subscription, "subscription");
        return tx.withHandle(RowScope.system(), h -> h.createQuery("SELECT currency, amounts, recurring_every"
                        + " FROM usage_thresholds_subscription WHERE subscription_id = :id")
                .bind("id", subscription.value()).map((rs, ctx) -> thresholds(rs)).findOne());
    }

    @Override
    public void setForPlan(PlanCode plan, Optional<UsageThresholds> thresholds) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(thresholds, "thresholds");
        tx.useHandle(RowScope.system(), h -> {
            if (thresholds.isEmpty()) {
                h.createUpdate("DELETE FROM usage_thresholds_plan WHERE plan_code = :code").bind("code", plan.value())
                        .execute();
                return;
            }
            bind(h, """
                    INSERT INTO usage_thresholds_plan (plan_code, currency, amounts, recurring_every)
                    VALUES (:key, :currency, CAST(:amounts AS numeric[]), :every)
                    ON CONFLICT (plan_code) DO UPDATE SET currency = EXCLUDED.currency, amounts = EXCLUDED.amounts,
                        recurring_every = EXCLUDED.recurring_every, updated_at = now()""", plan.value(), null,
                    thresholds.get());
        });
    }

    @Override
    public void setForSubscription(SubscriptionId subscription, CustomerId customer, Optional<UsageThresholds> thresholds) {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(thresholds, "thresholds");
        tx.useHandle(RowScope.customer(customer), h -> {
            if (thresholds.isEmpty()) {
                h.createUpdate("DELETE FROM usage_thresholds_subscription WHERE subscription_id = :id")
                        .bind("id", subscription.value()).execute();
                return;
            }
            bind(h, """
                    INSERT INTO usage_thresholds_subscription (subscription_id, customer_id, currency, amounts,
                        recurring_every)
                    VALUES (:key, :customer, :currency, CAST(:amounts AS numeric[]), :every)
                    ON CONFLICT (subscription_id) DO UPDATE SET currency = EXCLUDED.currency, amounts = EXCLUDED.amounts,
                        recurring_every = EXCLUDED.recurring_every, updated_at = now()""", subscription.value(),
                    customer.value(), thresholds.get());
        });
    }

    @Override
    public List<SubscriptionId> claimSubscriptions(Optional<SubscriptionId> after, int limit) {
        Objects.requireNonNull(after, "after");
        BillingException.require(limit >= 1, "limit must be at least 1 but was " + limit);
        return tx.withHandle(RowScope.system(), h -> h.createQuery("""
                        SELECT s.id FROM subscriptions s
                        WHERE s.status IN ('TRIALING', 'ACTIVE', 'PAST_DUE')
                          AND (CAST(:after AS text) IS NULL OR s.id > :after)
                          AND (EXISTS (SELECT 1 FROM usage_thresholds_subscription t WHERE t.subscription_id = s.id)
                               OR EXISTS (SELECT 1 FROM usage_thresholds_plan p WHERE p.plan_code = s.plan_code))
                        ORDER BY s.id LIMIT :limit
                        FOR UPDATE OF s SKIP LOCKED""")
                .bind("after", after.map(SubscriptionId::value).orElse(null))
                .bind("limit", limit)
                .map((rs, ctx) -> SubscriptionId.of(rs.getString("id")))
                .list());
    }

    private static void bind(Handle h, String sql, String key, String customer, UsageThresholds thresholds) {
        var update = h.createUpdate(sql)
                .bind("key", key)
                .bind("currency", thresholds.currency().getCurrencyCode())
                .bindArray("amounts", String.class, thresholds.amounts().stream().map(m -> m.amount().toPlainString()).toList())
                .bind("every", thresholds.recurringEvery().map(Money::amount).orElse(null));
        if (customer != null) {
            update.bind("customer", customer);
        }
        update.execute();
    }

    private static UsageThresholds thresholds(ResultSet rs) throws SQLException {
        Currency currency = Money.currency(rs.getString("currency"));
        BigDecimal[] amounts = (BigDecimal[]) rs.getArray("amounts").getArray();
        BigDecimal every = rs.getBigDecimal("recurring_every");
        return new UsageThresholds(currency, Arrays.stream(amounts).map(a -> Money.of(a, currency)).toList(),
                Optional.ofNullable(every).map(e -> Money.of(e, currency)));
    }
}
