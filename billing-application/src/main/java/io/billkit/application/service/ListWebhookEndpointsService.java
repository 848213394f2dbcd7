package io.billkit.application.service;

import io.billkit.application.port.in.webhook.ListWebhookEndpointsUseCase;
import io.billkit.application.port.in.webhook.WebhookEndpointView;
import io.billkit.application.port.out.WebhookEndpointStore;
import io.billkit.domain.customer.CustomerId;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link ListWebhookEndpointsUseCase} on the endpoint store; secrets are never listed. */
public final class ListWebhookEndpointsService implements ListWebhookEndpointsUseCase {
    private final WebhookEndpointStore endpoints;

    public ListWebhookEndpointsService(WebhookEndpointStore endpoints) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    }

    @Override
    public List<WebhookEndpointView> list(Optional<CustomerId> customer) {
        Objects.requireNonNull(customer, "customer");
        return endpoints.list(customer).stream().map(WebhookEndpointView::of).toList();
    }
}
