package io.billkit.application.port.in.subscription;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.customer.CustomerId;
import java.util.Objects;

/**
 * Cancel now, or at the end of the current period.
 */
public record CancelSubscriptionCommand(CustomerId customer, boolean atPeriodEnd, Actor actor) {
    public CancelSubscriptionCommand {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(actor, "actor");
    }
}
