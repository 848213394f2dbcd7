package io.billkit.application.port.in.dunning;

import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.subscription.SubscriptionStatus;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's dunning state.
 *
 * @param subscriptionStatus the status of the customer's current subscription (PAST_DUE while retries run, UNPAID
 *                           after MARK_UNPAID), empty without one
 * @param pastDue            whether an invoice is being retried or was given up on (RETRYING, CANCELLING or EXHAUSTED cases)
 * @param cases              every dunning case of the customer, newest first
 */
public record CustomerDunningView(CustomerId customer, Optional<SubscriptionStatus> subscriptionStatus, boolean pastDue,
                                  List<DunningCaseView> cases) {
    public CustomerDunningView {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(subscriptionStatus, "subscriptionStatus");
        cases = List.copyOf(Objects.requireNonNull(cases, "cases"));
    }
}
