package io.billkit.application.port.in.webhook;

/**
 * One run of the outbound webhook relay: fans the unpublished outbox events out into deliveries (one per
 * matching endpoint, in one transaction with marking the events published), then sends the due deliveries,
 * signed, and records each outcome (retries back off; see {@code WebhookDelivery}). Safe to run on several
 * replicas at once. Network errors are recorded, never thrown.
 */
public interface DeliverWebhooksUseCase {
    WebhookRunResult deliver();
}
