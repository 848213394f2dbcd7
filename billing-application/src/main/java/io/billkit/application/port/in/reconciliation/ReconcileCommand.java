package io.billkit.application.port.in.reconciliation;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.BillingException;
import io.billkit.domain.customer.CustomerId;
import java.util.Objects;
import java.util.Optional;

/**
 * Reconcile internal usage against the payment provider. The idempotency key (16..200 chars) replays
 * the stored run for 24 h; the same key with another scope is refused (IDEMPOTENCY_KEY_REUSED).
 *
 * @param customer only this customer's subscriptions, or all when empty
 */
public record ReconcileCommand(String idempotencyKey, Optional<CustomerId> customer, Actor actor) {
    public ReconcileCommand {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(actor, "actor");
        BillingException.require(idempotencyKey.length() >= 16 && idempotencyKey.length() <= 200,
                "idempotencyKey must be 16..200 characters");
    }
}
