package io.billkit.application.service;

import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.webhook.EnableWebhookEndpointUseCase;
import io.billkit.application.port.in.webhook.WebhookEndpointView;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.WebhookDeliveryStore;
import io.billkit.application.port.out.WebhookEndpoint;
import io.billkit.application.port.out.WebhookEndpointStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@link EnableWebhookEndpointUseCase}: the reactivation and its audit entry in one transaction. */
public final class EnableWebhookEndpointService implements EnableWebhookEndpointUseCase {
    private final WebhookEndpointStore endpoints;
    private final WebhookDeliveryStore deliveries;
    private final Transactions tx;
    private final AuditTrail audit;

    public EnableWebhookEndpointService(WebhookEndpointStore endpoints, WebhookDeliveryStore deliveries,
                                        Transactions tx, AuditTrail audit) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public WebhookEndpointView enable(String endpointId, Actor actor) {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(actor, "actor");
        WebhookEndpoint endpoint = tx.inTransaction(() -> {
            WebhookEndpoint found = endpoints.find(endpointId).orElseThrow(() -> new BillingException(
                    ErrorCode.NOT_FOUND, "webhook endpoint " + endpointId + " not found"));
            if (endpoints.reactivate(endpointId)) {
                Map<String, String> data = Map.of("endpointId", endpointId, "url", found.url());
                found.customer().ifPresentOrElse(
                        customer -> audit.record(actor, "webhook_endpoint.enabled", customer, data),
                        () -> audit.recordSystemWide(actor, "webhook_endpoint.enabled", data));
            }
            return endpoints.find(endpointId).orElseThrow();
        });
        return WebhookEndpointView.of(endpoint, deliveries.tally(List.of(endpointId)).get(endpointId));
    }
}
