package io.billkit.application.service;

import io.billkit.application.port.in.webhook.ListWebhookDeliveriesUseCase;
import io.billkit.application.port.out.WebhookDeliveryAttempt;
import io.billkit.application.port.out.WebhookDeliveryStore;
import io.billkit.application.port.out.WebhookEndpointStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;

import java.util.List;
import java.util.Objects;

/** {@link ListWebhookDeliveriesUseCase} on the delivery store's log; reads only. */
public final class ListWebhookDeliveriesService implements ListWebhookDeliveriesUseCase {
    private final WebhookEndpointStore endpoints;
    private final WebhookDeliveryStore deliveries;

    public ListWebhookDeliveriesService(WebhookEndpointStore endpoints, WebhookDeliveryStore deliveries) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    }

    @Override
    public List<WebhookDeliveryAttempt> deliveries(String endpointId, int limit) {
        Objects.requireNonNull(endpointId, "endpointId");
        BillingException.require(limit >= 1 && limit <= MAX_LIMIT,
                "limit must be between 1 and " + MAX_LIMIT + " but was " + limit);
        if (endpoints.find(endpointId).isEmpty()) {
            throw new BillingException(ErrorCode.NOT_FOUND, "webhook endpoint " + endpointId + " not found");
        }
        return deliveries.attempts(endpointId, limit);
    }
}
