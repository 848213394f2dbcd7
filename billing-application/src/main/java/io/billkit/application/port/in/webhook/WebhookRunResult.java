package io.billkit.application.port.in.webhook;

/**
 * What one {@link DeliverWebhooksUseCase} run did.
 *
 * @param eventsPublished    outbox events fanned out and marked published
 * @param deliveriesEnqueued deliveries created by the fan-out
 * @param delivered          deliveries the endpoint accepted (2xx) in this run
 * @param retryScheduled     failed attempts that will be retried
 * @param dead               deliveries given up in this run
 */
public record WebhookRunResult(int eventsPublished, int deliveriesEnqueued, int delivered, int retryScheduled,
                               int dead) {
    /** Whether the run did anything at all. */
    public boolean idle() {
        return eventsPublished == 0 && deliveriesEnqueued == 0 && delivered == 0 && retryScheduled == 0 && dead == 0;
    }
}
