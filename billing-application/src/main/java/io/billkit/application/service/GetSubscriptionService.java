package io.billkit.application.service;

import io.billkit.application.port.in.subscription.GetSubscriptionUseCase;
import io.billkit.application.port.in.subscription.SubscriptionView;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.customer.CustomerId;

import java.util.Objects;
import java.util.Optional;

/** The customer's live subscription, or else the latest one (cancelled or expired), as a view. */
public final class GetSubscriptionService implements GetSubscriptionUseCase {
    private final SubscriptionStore subscriptions;
    private final Catalog catalog;

    public GetSubscriptionService(SubscriptionStore subscriptions, Catalog catalog) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    @Override
    public Optional<SubscriptionView> current(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        return subscriptions.findLive(customer).or(() -> subscriptions.findLatest(customer))
                .map(subscription -> SubscriptionViews.of(subscription, catalog));
    }
}
