package io.billkit.application.port.in.subscription;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.customer.CustomerId;
import java.util.Objects;

/**
 * Start a hosted checkout for a plan ({@code itemCode} = plan code) or a credit pack (product code).
 */
public record StartCheckoutCommand(CustomerId customer, CheckoutKind kind, String itemCode, String successUrl, String cancelUrl, Actor actor) {
    public StartCheckoutCommand {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(itemCode, "itemCode");
        Objects.requireNonNull(successUrl, "successUrl");
        Objects.requireNonNull(cancelUrl, "cancelUrl");
        Objects.requireNonNull(actor, "actor");
    }
}
