package io.billkit.application.port.in.webhook;

/**
 * One run of the outbound webhook relay: fans the unpublished outbox events out into deliveries (one per
 * matching endpoint, in one transaction with marking the events published), then sends the due deliveries,
 * signed, and records each outcome (retries back off; see {@code WebhookDelivery}). Safe to run on several
 * replicas at once. Network errors are recorded, never thrown.
 */
public interface DeliverWebhooksUseCase {
    /** One run, waiting until every delivery it started is done. */
    WebhookRunResult deliver();

    /**
     * One run without waiting: fans out now, starts the deliveries on the delivery pool and returns; the future
     * completes with the run's result when they are done (the scheduler does not wait for slow endpoints).
     */
    java.util.concurrent.CompletableFuture<WebhookRunResult> start();
}
