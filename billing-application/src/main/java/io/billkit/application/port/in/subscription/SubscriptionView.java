package io.billkit.application.port.in.subscription;

import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.subscription.SubscriptionId;
import io.billkit.domain.subscription.SubscriptionStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A subscription as callers see it.
 *
 * @param currentPeriodStart first day of the current period (customer's time zone)
 * @param currentPeriodEnd   first day after it
 * @param pendingPlan        a downgrade that takes effect at the period end
 */
public record SubscriptionView(SubscriptionId id, CustomerId customer, PlanCode plan, String planName, SubscriptionStatus status, LocalDate currentPeriodStart, LocalDate currentPeriodEnd, Optional<Instant> trialEnd, boolean cancelAtPeriodEnd, Optional<PlanCode> pendingPlan, Optional<Instant> cancelledAt) {
    public SubscriptionView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(planName, "planName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(currentPeriodStart, "currentPeriodStart");
        Objects.requireNonNull(currentPeriodEnd, "currentPeriodEnd");
        Objects.requireNonNull(trialEnd, "trialEnd");
        Objects.requireNonNull(pendingPlan, "pendingPlan");
        Objects.requireNonNull(cancelledAt, "cancelledAt");
    }
}
