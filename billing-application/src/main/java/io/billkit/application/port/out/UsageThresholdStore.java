package io.billkit.application.port.out;

import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.UsageThresholds;
import io.billkit.domain.subscription.SubscriptionId;

import java.util.List;
import java.util.Optional;

/**
 * Progressive billing's {@link UsageThresholds}, set per plan or per subscription (a subscription's own wins over
 * its plan's; without either its usage is billed at period end only), and the claim of the live subscriptions
 * that have thresholds, for the job that checks them.
 */
public interface UsageThresholdStore {
    Optional<UsageThresholds> forPlan(PlanCode plan);

    Optional<UsageThresholds> forSubscription(SubscriptionId subscription);

    /** Sets the plan's thresholds, or removes them when {@code thresholds} is empty. */
    void setForPlan(PlanCode plan, Optional<UsageThresholds> thresholds);

    /** Sets the subscription's (of {@code customer}) thresholds, or removes them when {@code thresholds} is empty. */
    void setForSubscription(SubscriptionId subscription, CustomerId customer, Optional<UsageThresholds> thresholds);

    /**
     * Claims, for the caller's transaction, at most {@code limit} live (TRIALING, ACTIVE or PAST_DUE) subscriptions
     * that have thresholds of their own or through their plan, with ids after {@code after} (all when empty), in id
     * order. PostgreSQL: the subscription rows are locked {@code FOR UPDATE SKIP LOCKED}, so a concurrent checker
     * (another replica) skips them until this transaction ends, and a later one sees what it committed.
     */
    List<SubscriptionId> claimSubscriptions(Optional<SubscriptionId> after, int limit);

    /** A store without thresholds (progressive billing off): reads are empty, writes are refused. */
    static UsageThresholdStore none() {
        return new UsageThresholdStore() {
            @Override
            public Optional<UsageThresholds> forPlan(PlanCode plan) {
                return Optional.empty();
            }

            @Override
            public Optional<UsageThresholds> forSubscription(SubscriptionId subscription) {
                return Optional.empty();
            }

            @Override
            public void setForPlan(PlanCode plan, Optional<UsageThresholds> thresholds) {
                throw new io.billkit.domain.BillingException(io.billkit.domain.ErrorCode.INVALID_ARGUMENT,
                        "progressive billing thresholds are not stored by this service");
            }

            @Override
            public void setForSubscription(SubscriptionId subscription, CustomerId customer,
                                           Optional<UsageThresholds> thresholds) {
                setForPlan(null, thresholds);
            }

            @Override
            public List<SubscriptionId> claimSubscriptions(Optional<SubscriptionId> after, int limit) {
                return List.of();
            }
        };
    }
}
