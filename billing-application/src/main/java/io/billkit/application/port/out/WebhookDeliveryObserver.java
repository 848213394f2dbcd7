package io.billkit.application.port.out;

import java.time.Duration;
import java.util.Optional;

/**
 * Told about every outbound webhook delivery outcome, for metrics. Called outside transactions, from the relay's
 * worker threads: implementations must be thread-safe and must not throw.
 */
public interface WebhookDeliveryObserver {
    /** Observes nothing. */
    WebhookDeliveryObserver NONE = (outcome, latency) -> {
    };

    /**
     * One outcome: {@code DELIVERED} (the endpoint answered 2xx), {@code PENDING} (a failed attempt, retried
     * later) or {@code DEAD} (given up). {@code latency} is the time from sending to the answer or the failure;
     * empty when nothing was sent (a delivery to an endpoint that is gone or inactive goes DEAD unsent).
     */
    void observed(WebhookDeliveryStatus outcome, Optional<Duration> latency);
}
