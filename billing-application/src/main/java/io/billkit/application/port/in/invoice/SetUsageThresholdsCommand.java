package io.billkit.application.port.in.invoice;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.invoice.UsageThresholds;
import io.billkit.domain.subscription.SubscriptionId;

import java.util.Objects;
import java.util.Optional;

/**
 * Set (or, with empty {@code thresholds}, remove) the progressive billing thresholds of one plan or of one
 * subscription (exactly one of {@code plan} and {@code subscription}).
 *
 * @param thresholds in the plan's currency; empty: remove (a subscription then falls back to its plan's)
 */
public record SetUsageThresholdsCommand(Optional<PlanCode> plan, Optional<SubscriptionId> subscription,
                                        Optional<UsageThresholds> thresholds, Actor actor) {
    public SetUsageThresholdsCommand {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(actor, "actor");
        BillingException.require(plan.isPresent() != subscription.isPresent(), "name exactly one of plan and subscription");
    }
}
