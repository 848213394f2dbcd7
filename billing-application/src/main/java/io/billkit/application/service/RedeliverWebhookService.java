package io.billkit.application.service;

import io.billkit.application.port.in.webhook.RedeliverWebhookCommand;
import io.billkit.application.port.in.webhook.RedeliverWebhookUseCase;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.WebhookDelivery;
import io.billkit.application.port.out.WebhookDeliveryStatus;
import io.billkit.application.port.out.WebhookDeliveryStore;
import io.billkit.application.port.out.WebhookEndpoint;
import io.billkit.application.port.out.WebhookEndpointStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.customer.CustomerId;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link RedeliverWebhookUseCase}: in one transaction, resets the delivery to PENDING (attempts 0, due now, the
 * last status and error kept until the next attempt) and audits {@code webhook_delivery.redelivered}. The next
 * {@link DeliverWebhooksService} run sends it.
 */
public final class RedeliverWebhookService implements RedeliverWebhookUseCase {
    private final WebhookEndpointStore endpoints;
    private final WebhookDeliveryStore deliveries;
    private final Transactions tx;
    private final AuditTrail audit;
    private final Clock clock;

    public RedeliverWebhookService(WebhookEndpointStore endpoints, WebhookDeliveryStore deliveries, Transactions tx,
                                   AuditTrail audit, Clock clock) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public WebhookDelivery redeliver(RedeliverWebhookCommand command) {
        Objects.requireNonNull(command, "command");
        return tx.inTransaction(() -> {
            WebhookEndpoint endpoint = endpoints.find(command.endpointId()).orElseThrow(() -> new BillingException(
                    ErrorCode.NOT_FOUND, "webhook endpoint " + command.endpointId() + " not found"));
            WebhookDelivery past = deliveries.find(command.deliveryId())
                    .filter(d -> d.endpointId().equals(endpoint.id()))
                    .orElseThrow(() -> new BillingException(ErrorCode.NOT_FOUND, "webhook delivery "
                            + command.deliveryId() + " of endpoint " + endpoint.id() + " not found"));
            if (!endpoint.active()) {
                throw new BillingException(ErrorCode.CONFLICT,
                        "webhook endpoint " + endpoint.id() + " is inactive; nothing can be redelivered to it");
            }
            Instant now = clock.instant();
            WebhookDelivery queued = new WebhookDelivery(past.id(), past.endpointId(), past.eventId(),
                    past.eventType(), past.customerId(), past.body(), WebhookDeliveryStatus.PENDING, 0,
                    Optional.of(now), past.lastStatusCode(), past.lastError(), Optional.empty(), past.createdAt());
            deliveries.recordAttempt(queued);
            Map<String, String> data = new LinkedHashMap<>();
            data.put("endpointId", endpoint.id());
            data.put("deliveryId", past.id());
            data.put("eventId", past.eventId());
            data.put("previousStatus", past.status().name());
            audit.record(command.actor(), "webhook_delivery.redelivered", CustomerId.of(past.customerId()), data);
            return queued;
        });
    }
}
