package io.billkit.application.port.in.webhook;

import io.billkit.application.port.out.WebhookDeliveryAttempt;

import java.util.List;

/** An endpoint's delivery log (an operator read). */
public interface ListWebhookDeliveriesUseCase {
    /** At most this many entries per read. */
    int MAX_LIMIT = 1000;

    /**
     * The newest {@code limit} (1..{@link #MAX_LIMIT}) delivery attempts to endpoint {@code endpointId}, newest
     * first; NOT_FOUND when there is no such endpoint.
     */
    List<WebhookDeliveryAttempt> deliveries(String endpointId, int limit);
}
