package io.billkit.application.port.in.subscription;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.customer.CustomerId;
import java.util.Objects;

/**
 * Open the payment provider's customer portal.
 */
public record OpenCustomerPortalCommand(CustomerId customer, String returnUrl, Actor actor) {
    public OpenCustomerPortalCommand {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(returnUrl, "returnUrl");
        Objects.requireNonNull(actor, "actor");
    }
}
