package io.billkit.application.port.out;

/** Where a {@link WebhookDelivery} stands. */
public enum WebhookDeliveryStatus {
    /** Waiting for its (next) attempt at {@code nextAttemptAt}. */
    PENDING,
    /** The endpoint answered 2xx. */
    DELIVERED,
    /** Every attempt failed; no more retries. */
    DEAD
}
