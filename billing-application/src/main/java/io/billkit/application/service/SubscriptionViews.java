package io.billkit.application.service;

import io.billkit.application.port.in.subscription.SubscriptionView;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.subscription.Subscription;

/** Maps {@link Subscription}s to {@link SubscriptionView}s (plan name from the catalog). */
final class SubscriptionViews {
    private SubscriptionViews() {
    }

    static SubscriptionView of(Subscription subscription, Catalog catalog) {
        String planName = catalog.plan(subscription.plan()).map(Plan::name).orElse(subscription.plan().value());
        return new SubscriptionView(subscription.id(), subscription.customer(), subscription.plan(), planName,
                subscription.status(), subscription.currentPeriod().start(), subscription.currentPeriod().endExclusive(),
                subscription.trialEnd(), subscription.cancelAtPeriodEnd(), subscription.pendingPlan(),
                subscription.cancelledAt());
    }
}
