package io.billkit.application.port.in.credit;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.customer.CustomerId;
import java.util.Objects;

/**
 * Buy a credit pack directly (charged through the payment provider); the same idempotency key
 * buys once.
 */
public record PurchaseCreditsCommand(CustomerId customer, String productCode, String idempotencyKey, Actor actor) {
    public PurchaseCreditsCommand {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(productCode, "productCode");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(actor, "actor");
    }
}
