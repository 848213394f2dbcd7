package io.billkit.application.port.in.subscription;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.customer.CustomerId;
import java.util.Objects;

/**
 * Undo a cancellation scheduled for the period end.
 */
public record ResumeSubscriptionCommand(CustomerId customer, Actor actor) {
    public ResumeSubscriptionCommand {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(actor, "actor");
    }
}
