package io.billkit.application.port.in.webhook;

import io.billkit.application.port.in.Actor;

/**
 * Re-enable an endpoint that was disabled (after {@code DeliverWebhooksService.DISABLE_AFTER_DEAD_DELIVERIES}
 * consecutive dead deliveries): it becomes active with its count of consecutive dead deliveries at 0, and receives
 * events fanned out from then on (deliveries given up while it was disabled stay DEAD; redeliver them one by one).
 * Audited ({@code webhook_endpoint.enabled}); enabling an active endpoint changes nothing (and records nothing).
 * NOT_FOUND for an unknown endpoint.
 */
public interface EnableWebhookEndpointUseCase {
    WebhookEndpointView enable(String endpointId, Actor actor);
}
