package io.billkit.application.port.in.invoice;

import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.subscription.SubscriptionId;

/** The progressive billing thresholds in effect (a read; NOT_FOUND for an unknown plan or subscription). */
public interface GetUsageThresholdsUseCase {
    /** The plan's own. */
    UsageThresholdsView forPlan(PlanCode plan);

    /** The subscription's own, else its plan's. */
    UsageThresholdsView forSubscription(SubscriptionId subscription);
}
