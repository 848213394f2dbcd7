package io.billkit.application.port.in.customer;

import io.billkit.application.port.in.subscription.SubscriptionView;
import io.billkit.domain.customer.Customer;

import java.util.Objects;
import java.util.Optional;

/**
 * A customer as the operators' list shows it.
 *
 * @param customer     the customer and its billing settings
 * @param subscription its live subscription, or else its latest (cancelled or expired); empty when it never had one
 */
public record CustomerOverview(Customer customer, Optional<SubscriptionView> subscription) {
    public CustomerOverview {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(subscription, "subscription");
    }
}
