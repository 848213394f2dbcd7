package io.billkit.application.port.out;

import io.billkit.domain.BillingException;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event to be POSTed to one endpoint, with its retry state. Unique per (endpoint, event).
 *
 * <p>Retry policy: after failed attempt {@code n} (1-based) the next one is due {@code 1 min x 2^(n-1)} later
 * (1, 2, 4, ... 64 min); after {@link #MAX_ATTEMPTS} failed attempts the delivery is {@code DEAD}.
 *
 * @param id             unique id (derived from endpoint and event)
 * @param endpointId     the {@link WebhookEndpoint} it goes to
 * @param eventId        the outbox event's id
 * @param eventType      the outbox event's type
 * @param customerId     the customer the event is about
 * @param body           the JSON body, frozen when the delivery was created
 * @param status         where it stands
 * @param attempts       attempts made so far (0 when new)
 * @param nextAttemptAt  when it is due (present while PENDING)
 * @param lastStatusCode HTTP status of the last attempt, when one was answered
 * @param lastError      what went wrong last, when something did
 * @param deliveredAt    when the endpoint answered 2xx
 * @param createdAt      when the delivery was created
 */
public record WebhookDelivery(String id, String endpointId, String eventId, String eventType, String customerId,
                              String body, WebhookDeliveryStatus status, int attempts, Optional<Instant> nextAttemptAt,
                              Optional<Integer> lastStatusCode, Optional<String> lastError,
                              Optional<Instant> deliveredAt, Instant createdAt) {

    /** Attempts before a delivery is given up ({@code DEAD}). */
    public static final int MAX_ATTEMPTS = 8;
    /** Delay after the first failed attempt; doubled after each further one. */
    public static final Duration FIRST_RETRY_DELAY = Duration.ofMinutes(1);

    public WebhookDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lastStatusCode, "lastStatusCode");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
        Objects.requireNonNull(createdAt, "createdAt");
        BillingException.require(attempts >= 0, "attempts must be >= 0 but was " + attempts);
        BillingException.require(status != WebhookDeliveryStatus.PENDING || nextAttemptAt.isPresent(),
                "a pending delivery needs nextAttemptAt");
    }

    /** A new delivery, due at {@code at}. */
    public static WebhookDelivery pending(String id, String endpointId, String eventId, String eventType,
                                          String customerId, String body, Instant at) {
        return new WebhookDelivery(id, endpointId, eventId, eventType, customerId, body, WebhookDeliveryStatus.PENDING,
                0, Optional.of(at), Optional.empty(), Optional.empty(), Optional.empty(), at);
    }

    /** After an attempt the endpoint answered 2xx at {@code at}. */
    public WebhookDelivery delivered(int statusCode, Instant at) {
        return new WebhookDelivery(id, endpointId, eventId, eventType, customerId, body, WebhookDeliveryStatus.DELIVERED,
                attempts + 1, Optional.empty(), Optional.of(statusCode), Optional.empty(), Optional.of(at), createdAt);
    }

    /**
     * After an attempt that failed at {@code at} (non-2xx {@code statusCode}, or none on a network error):
     * PENDING with the backed-off next attempt, or DEAD after {@link #MAX_ATTEMPTS}.
     */
    public WebhookDelivery failed(Optional<Integer> statusCode, String error, Instant at) {
        int made = attempts + 1;
        boolean dead = made >= MAX_ATTEMPTS;
        Optional<Instant> next = dead ? Optional.empty() : Optional.of(at.plus(retryDelay(made)));
        return new WebhookDelivery(id, endpointId, eventId, eventType, customerId, body,
                dead ? WebhookDeliveryStatus.DEAD : WebhookDeliveryStatus.PENDING, made, next, statusCode,
                Optional.of(error), Optional.empty(), createdAt);
    }

    /** The wait after failed attempt {@code attempt} (1-based): 1 min x 2^(attempt-1). */
    public static Duration retryDelay(int attempt) {
        BillingException.require(attempt >= 1, "attempt must be >= 1 but was " + attempt);
        return FIRST_RETRY_DELAY.multipliedBy(1L << Math.min(attempt - 1, 30));
    }
}
