package io.billkit.application.port.out;

import io.billkit.domain.BillingException;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt to POST a {@link WebhookDelivery}: an entry of its endpoint's delivery log.
 *
 * @param id             unique id of the attempt
 * @param deliveryId     the delivery it was an attempt of
 * @param endpointId     the endpoint it went to
 * @param eventId        the event (the {@code webhook-id} header)
 * @param eventType      the event's type
 * @param customerId     the customer the event is about
 * @param attempt        the delivery's attempt number, from 1 (a redelivery starts again at 1)
 * @param attemptedAt    when it was sent
 * @param latencyMillis  from sending to the answer (or the failure)
 * @param outcome        where the delivery stood after it: DELIVERED (2xx), PENDING (a retry is due) or DEAD
 * @param statusCode     the HTTP status answered, when one was
 * @param error          what went wrong, when something did
 */
public record WebhookDeliveryAttempt(String id, String deliveryId, String endpointId, String eventId,
                                     String eventType, String customerId, int attempt, Instant attemptedAt,
                                     long latencyMillis, WebhookDeliveryStatus outcome,
                                     Optional<Integer> statusCode, Optional<String> error) {
    public WebhookDeliveryAttempt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(attemptedAt, "attemptedAt");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(statusCode, "statusCode");
        Objects.requireNonNull(error, "error");
        BillingException.require(attempt >= 1, "attempt must be >= 1 but was " + attempt);
        BillingException.require(latencyMillis >= 0, "latencyMillis must be >= 0 but was " + latencyMillis);
    }

    /** Whether the endpoint accepted it (2xx). */
    public boolean succeeded() {
        return outcome == WebhookDeliveryStatus.DELIVERED;
    }
}
