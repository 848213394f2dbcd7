package io.billkit.application.service;

import io.billkit.application.port.in.credit.LowBalanceThresholdView;
import io.billkit.application.port.in.credit.LowBalanceThresholdView.Source;
import io.billkit.application.port.out.LowBalanceThresholdStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/** Resolves the low-balance threshold in effect: the customer's own, else its live plan's, else the default. */
final class LowBalanceThresholds {
    private final LowBalanceThresholdStore store;
    private final SubscriptionStore subscriptions;
    private final BigDecimal defaultThreshold;

    LowBalanceThresholds(LowBalanceThresholdStore store, SubscriptionStore subscriptions, BigDecimal defaultThreshold) {
        this.store = Objects.requireNonNull(store, "store");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.defaultThreshold = Objects.requireNonNull(defaultThreshold, "defaultThreshold");
        BillingException.require(defaultThreshold.signum() >= 0, "the default threshold must not be negative");
    }

    LowBalanceThresholdView forCustomer(CustomerId customer) {
        Optional<BigDecimal> own = store.forCustomer(customer);
        if (own.isPresent()) {
            return new LowBalanceThresholdView(own.get(), Source.CUSTOMER);
        }
        return subscriptions.findLive(customer).flatMap(s -> store.forPlan(s.plan()))
                .map(t -> new LowBalanceThresholdView(t, Source.PLAN))
                .orElseGet(() -> new LowBalanceThresholdView(defaultThreshold, Source.DEFAULT));
    }

    LowBalanceThresholdView forPlan(PlanCode plan) {
        return store.forPlan(plan).map(t -> new LowBalanceThresholdView(t, Source.PLAN))
                .orElseGet(() -> new LowBalanceThresholdView(defaultThreshold, Source.DEFAULT));
    }
}
