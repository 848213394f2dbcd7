package io.billkit.application.inmemory;

import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.UsageThresholdStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.UsageThresholds;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link UsageThresholdStore} in memory. Transactions run one at a time ({@link InMemoryTransactions}), so a
 * claimed subscription is never checked by another transaction while the claiming one runs.
 */
public final class InMemoryUsageThresholdStore implements UsageThresholdStore {
    private final InMemoryTransactions tx;
    private final SubscriptionStore subscriptions;
    private final Map<PlanCode, UsageThresholds> plans = new HashMap<>();
    private final Map<SubscriptionId, UsageThresholds> ofSubscriptions = new HashMap<>();

    public InMemoryUsageThresholdStore(InMemoryTransactions tx, SubscriptionStore subscriptions) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
    }

    @Override
    public Optional<UsageThresholds> forPlan(PlanCode plan) {
        Objects.requireNonNull(plan, "plan");
        return tx.read(() -> Optional.ofNullable(plans.get(plan)));
    }

    @Override
    public Optional<UsageThresholds> forSubscription(SubscriptionId subscription) {
        Objects.requireNonNull(subscription, "subscription");
        return tx.read(() -> Optional.ofNullable(ofSubscriptions.get(subscription)));
    }

    @Override
    public void setForPlan(PlanCode plan, Optional<UsageThresholds> thresholds) {
        Objects.requireNonNull(plan, "plan");
        set(plans, plan, thresholds);
    }

    @Override
    public void setForSubscription(SubscriptionId subscription, CustomerId customer, Optional<UsageThresholds> thresholds) {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(customer, "customer");
        set(ofSubscriptions, subscription, thresholds);
    }

    @Override
    public List<SubscriptionId> claimSubscriptions(Optional<SubscriptionId> after, int limit) {
        Objects.requireNonNull(after, "after");
        BillingException.require(limit >= 1, "limit must be at least 1 but was " + limit);
        return tx.inTransaction(() -> subscriptions.live().stream()
                .filter(s -> after.isEmpty() || s.id().value().compareTo(after.get().value()) > 0)
                .filter(s -> ofSubscriptions.containsKey(s.id()) || plans.containsKey(s.plan()))
                .map(Subscription::id)
                .sorted(Comparator.comparing(SubscriptionId::value))
                .limit(limit)
                .toList());
    }

    private <K> void set(Map<K, UsageThresholds> map, K key, Optional<UsageThresholds> thresholds) {
        Objects.requireNonNull(thresholds, "thresholds");
        tx.inTransaction(() -> thresholds.isPresent() ? tx.put(map, key, thresholds.get()) : tx.remove(map, key));
    }
}
