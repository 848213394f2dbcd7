package io.billkit.application.port.in.webhook;

import io.billkit.application.port.out.WebhookDeliveryTally;
import io.billkit.application.port.out.WebhookEndpoint;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A webhook endpoint as shown to operators: everything but the signing secret.
 *
 * @param customerId empty for a global endpoint
 * @param eventTypes empty: every type
 * @param deliveries how its deliveries stand (pending, delivered, dead, last delivery, open error)
 */
public record WebhookEndpointView(String id, Optional<String> customerId, String url, List<String> eventTypes,
                                  boolean active, Instant createdAt, WebhookDeliveryTally deliveries) {
    public WebhookEndpointView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(url, "url");
        eventTypes = List.copyOf(Objects.requireNonNull(eventTypes, "eventTypes"));
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(deliveries, "deliveries");
    }

    /** A view of an endpoint without deliveries (a new one). */
    public static WebhookEndpointView of(WebhookEndpoint endpoint) {
        return of(endpoint, WebhookDeliveryTally.NONE);
    }

    public static WebhookEndpointView of(WebhookEndpoint endpoint, WebhookDeliveryTally deliveries) {
        return new WebhookEndpointView(endpoint.id(), endpoint.customer().map(c -> c.value()), endpoint.url(),
                endpoint.eventTypes(), endpoint.active(), endpoint.createdAt(), deliveries);
    }
}
