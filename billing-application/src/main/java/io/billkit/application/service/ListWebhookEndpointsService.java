package io.billkit.application.service;

import io.billkit.application.port.in.webhook.ListWebhookEndpointsUseCase;
import io.billkit.application.port.in.webhook.WebhookEndpointView;
import io.billkit.application.port.out.WebhookDeliveryStore;
import io.billkit.application.port.out.WebhookDeliveryTally;
import io.billkit.application.port.out.WebhookEndpoint;
import io.billkit.application.port.out.WebhookEndpointStore;
import io.billkit.domain.customer.CustomerId;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ListWebhookEndpointsUseCase} on the endpoint store, with each endpoint's delivery tally from one read of
 * the delivery store; secrets are never listed.
 */
public final class ListWebhookEndpointsService implements ListWebhookEndpointsUseCase {
    private final WebhookEndpointStore endpoints;
    private final WebhookDeliveryStore deliveries;

    public ListWebhookEndpointsService(WebhookEndpointStore endpoints, WebhookDeliveryStore deliveries) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    }

    @Override
    public List<WebhookEndpointView> list(Optional<CustomerId> customer) {
        Objects.requireNonNull(customer, "customer");
        List<WebhookEndpoint> listed = endpoints.list(customer);
        Map<String, WebhookDeliveryTally> tallies = listed.isEmpty() ? Map.of()
                : deliveries.tally(listed.stream().map(WebhookEndpoint::id).toList());
        return listed.stream().map(e -> WebhookEndpointView.of(e,
                tallies.getOrDefault(e.id(), WebhookDeliveryTally.NONE))).toList();
    }
}
