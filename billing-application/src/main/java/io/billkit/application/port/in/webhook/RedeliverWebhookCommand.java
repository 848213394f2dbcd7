package io.billkit.application.port.in.webhook;

import io.billkit.application.port.in.Actor;

import java.util.Objects;

/**
 * Send a past delivery again (an operator action).
 *
 * @param endpointId the endpoint the delivery belongs to
 * @param deliveryId the delivery ({@code whd_...})
 * @param actor      who asks (audit)
 */
public record RedeliverWebhookCommand(String endpointId, String deliveryId, Actor actor) {
    public RedeliverWebhookCommand {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(actor, "actor");
    }
}
