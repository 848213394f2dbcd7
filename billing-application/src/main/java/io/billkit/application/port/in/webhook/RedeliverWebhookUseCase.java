package io.billkit.application.port.in.webhook;

import io.billkit.application.port.out.WebhookDelivery;

/**
 * Queue a past delivery (delivered, dead or pending) to be sent again by the next relay run, with the same
 * body and {@code webhook-id}: it becomes PENDING, due now, with a fresh retry budget.
 */
public interface RedeliverWebhookUseCase {
    /** The delivery as queued; NOT_FOUND for an unknown endpoint or a delivery of another endpoint, CONFLICT when the endpoint is inactive. */
    WebhookDelivery redeliver(RedeliverWebhookCommand command);
}
