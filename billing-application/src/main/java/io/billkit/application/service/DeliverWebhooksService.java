package io.billkit.application.service;

import io.billkit.application.port.in.webhook.DeliverWebhooksUseCase;
import io.billkit.application.port.in.webhook.WebhookRunResult;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.OutboxEvent;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.WebhookDelivery;
import io.billkit.application.port.out.WebhookDeliveryAttempt;
import io.billkit.application.port.out.WebhookDeliveryStatus;
import io.billkit.application.port.out.WebhookDeliveryStore;
import io.billkit.application.port.out.WebhookEndpoint;
import io.billkit.application.port.out.WebhookEndpointStore;
import io.billkit.application.port.out.WebhookSender;
import io.billkit.domain.BillingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link DeliverWebhooksUseCase}. A run has two steps:
 * <ol>
 *   <li>fan-out, in one transaction: up to {@link Settings#eventBatch()} unpublished outbox events, each
 *       enqueued once per matching endpoint (idempotent per (endpoint, event), so a re-read event adds
 *       nothing) and marked published;</li>
 *   <li>delivery: up to {@link Settings#deliveryBatch()} due deliveries are claimed in a short transaction
 *       (leased for {@link Settings#lease()} so other replicas skip them), then POSTed outside any transaction
 *       with the Standard Webhooks headers {@code webhook-id} (the event id), {@code webhook-timestamp} and
 *       {@code webhook-signature} ({@link WebhookSignatures}), after the endpoint's host passed
 *       {@link WebhookAddressGuard} again (DNS rebinding); each outcome is
 *       recorded in its own transaction (2xx: DELIVERED; otherwise a backed-off retry, DEAD after 8 attempts).</li>
 * </ol>
 * After {@link #DISABLE_AFTER_DEAD_DELIVERIES} consecutive DEAD deliveries (no accepted one in between) the
 * endpoint is made inactive in the transaction that records the last of them; its remaining deliveries then
 * go DEAD without being sent.
 */
public final class DeliverWebhooksService implements DeliverWebhooksUseCase {
    private static final Logger log = LoggerFactory.getLogger(DeliverWebhooksService.class);
    /** Extra header naming the event type (the body carries it too). */
    public static final String EVENT_TYPE_HEADER = "BillKit-Event-Type";
    /**
     * An endpoint is disabled (made inactive) after this many consecutive deliveries were given up (DEAD after
     * {@link WebhookDelivery#MAX_ATTEMPTS} failed attempts each); an accepted delivery restarts the count.
     */
    public static final int DISABLE_AFTER_DEAD_DELIVERIES = 5;

    /**
     * @param eventBatch    outbox events fanned out per run
     * @param deliveryBatch deliveries sent per run
     * @param lease         how long a claimed delivery is hidden from other workers while it is sent
     */
    public record Settings(int eventBatch, int deliveryBatch, Duration lease) {
        public Settings {
            BillingException.require(eventBatch >= 1, "eventBatch must be >= 1 but was " + eventBatch);
            BillingException.require(deliveryBatch >= 1, "deliveryBatch must be >= 1 but was " + deliveryBatch);
            Objects.requireNonNull(lease, "lease");
            BillingException.require(!lease.isNegative() && !lease.isZero(), "lease must be positive");
        }

        /** 500 events, 100 deliveries, a 5-minute lease. */
        public static Settings defaults() {
            return new Settings(500, 100, Duration.ofMinutes(5));
        }
    }

    private final Outbox outbox;
    private final WebhookEndpointStore endpoints;
    private final WebhookDeliveryStore deliveries;
    private final WebhookSender sender;
    private final Transactions tx;
    private final Clock clock;
    private final Settings settings;
    private final WebhookAddressGuard guard;

    public DeliverWebhooksService(Outbox outbox, WebhookEndpointStore endpoints, WebhookDeliveryStore deliveries,
                                  WebhookSender sender, Transactions tx, Clock clock, Settings settings,
                                  WebhookAddressGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public WebhookRunResult deliver() {
        int[] fanOut = tx.inTransaction(this::fanOut);
        Instant now = clock.instant();
        List<WebhookDelivery> due = tx.inTransaction(() ->
                deliveries.claimDue(now, now.plus(settings.lease()), settings.deliveryBatch()));
        int delivered = 0;
        int retry = 0;
        int dead = 0;
        for (WebhookDelivery delivery : due) {
            Instant sentAt = clock.instant();
            WebhookDelivery outcome = attempt(delivery);
            Instant finishedAt = clock.instant();
            boolean attempted = outcome.attempts() > delivery.attempts();
            boolean disabled = tx.inTransaction(() -> {
                deliveries.recordAttempt(outcome);
                if (attempted) {
                    deliveries.logAttempt(new WebhookDeliveryAttempt("wha_" + UUID.randomUUID().toString()
                            .replace("-", ""), outcome.id(), outcome.endpointId(), outcome.eventId(),
                            outcome.eventType(), outcome.customerId(), outcome.attempts(), sentAt,
                            Math.max(0, Duration.between(sentAt, finishedAt).toMillis()), outcome.status(),
                            outcome.lastStatusCode(), outcome.lastError()));
                }
                if (attempted && outcome.status() == WebhookDeliveryStatus.DELIVERED) {
                    endpoints.recordDelivered(outcome.endpointId());
                } else if (attempted && outcome.status() == WebhookDeliveryStatus.DEAD) {
                    return endpoints.recordDeadDelivery(outcome.endpointId(), DISABLE_AFTER_DEAD_DELIVERIES);
                }
                return false;
            });
            if (disabled) {
                log.warn("Webhook endpoint {} disabled after {} consecutive dead deliveries", outcome.endpointId(),
                        DISABLE_AFTER_DEAD_DELIVERIES);
            }
            switch (outcome.status()) {
                case DELIVERED -> delivered++;
                case PENDING -> retry++;
                case DEAD -> dead++;
            }
        }
        return new WebhookRunResult(fanOut[0], fanOut[1], delivered, retry, dead);
    }

    private int[] fanOut() {
        Instant now = clock.instant();
        List<OutboxEvent> events = outbox.unpublished(settings.eventBatch());
        int enqueued = 0;
        for (OutboxEvent event : events) {
            String body = WebhookJson.eventBody(event);
            for (WebhookEndpoint endpoint : endpoints.matching(event.customerId(), event.type())) {
                String id = "whd_" + Hashes.sha256Hex(endpoint.id() + "\n" + event.id()).substring(0, 32);
                if (deliveries.enqueue(WebhookDelivery.pending(id, endpoint.id(), event.id(), event.type(),
                        event.customerId(), body, now))) {
                    enqueued++;
                }
            }
            outbox.markPublished(event.id(), now);
        }
        return new int[] {events.size(), enqueued};
    }

    private WebhookDelivery attempt(WebhookDelivery delivery) {
        Optional<WebhookEndpoint> endpoint = endpoints.find(delivery.endpointId());
        Instant sentAt = clock.instant();
        if (endpoint.isEmpty() || !endpoint.get().active()) {
            return dead(delivery, "endpoint " + delivery.endpointId() + " is gone or inactive", sentAt);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(WebhookSignatures.ID_HEADER, delivery.eventId());
        headers.put(WebhookSignatures.TIMESTAMP_HEADER, Long.toString(sentAt.getEpochSecond()));
        headers.put(WebhookSignatures.SIGNATURE_HEADER, WebhookSignatures.header(List.of(endpoint.get().secret()),
                delivery.eventId(), sentAt.getEpochSecond(), delivery.body()));
        headers.put(EVENT_TYPE_HEADER, delivery.eventType());
        try {
            guard.check(endpoint.get().url());
        } catch (BillingException refused) {
            log.warn("Webhook {} to endpoint {} refused at delivery time: {}", delivery.eventId(),
                    delivery.endpointId(), refused.getMessage());
            return delivery.failed(Optional.empty(), "refused: " + refused.getMessage(), clock.instant());
        }
        try {
            int status = sender.post(endpoint.get().url(), delivery.body(), headers);
            Instant answeredAt = clock.instant();
            if (status >= 200 && status < 300) {
                return delivery.delivered(status, answeredAt);
            }
            WebhookDelivery failed = delivery.failed(Optional.of(status), "HTTP " + status, answeredAt);
            log.info("Webhook {} to endpoint {} answered {} (attempt {}, {})", delivery.eventId(),
                    delivery.endpointId(), status, failed.attempts(), failed.status());
            return failed;
        } catch (IOException | RuntimeException e) {
            WebhookDelivery failed = delivery.failed(Optional.empty(), describe(e), clock.instant());
            log.info("Webhook {} to endpoint {} failed: {} (attempt {}, {})", delivery.eventId(),
                    delivery.endpointId(), describe(e), failed.attempts(), failed.status());
            return failed;
        }
    }

    private static WebhookDelivery dead(WebhookDelivery delivery, String why, Instant at) {
        return new WebhookDelivery(delivery.id(), delivery.endpointId(), delivery.eventId(), delivery.eventType(),
                delivery.customerId(), delivery.body(), WebhookDeliveryStatus.DEAD, delivery.attempts(), Optional.empty(),
                delivery.lastStatusCode(), Optional.of(why), Optional.empty(), delivery.createdAt());
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        String text = e.getClass().getSimpleName() + message;
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
