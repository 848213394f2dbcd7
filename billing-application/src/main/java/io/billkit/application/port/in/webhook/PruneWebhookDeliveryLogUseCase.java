package io.billkit.application.port.in.webhook;

import java.time.Duration;

/** Deletes delivery-log entries older than a retention (the scheduler runs it; default 30 days). */
public interface PruneWebhookDeliveryLogUseCase {
    /** Default retention of the delivery log. */
    Duration DEFAULT_RETENTION = Duration.ofDays(30);

    /** Deletes the entries attempted more than {@code retention} (positive) ago; returns how many. */
    int prune(Duration retention);
}
