package io.billkit.application.service;

import io.billkit.application.tracing.TraceContext;
import io.billkit.application.port.in.webhook.DeliverWebhooksUseCase;
import io.billkit.application.port.in.webhook.WebhookRunResult;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.OutboxEvent;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.WebhookDelivery;
import io.billkit.application.port.out.WebhookDeliveryAttempt;
import io.billkit.application.port.out.WebhookDeliveryObserver;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 *   <li>delivery, concurrently, in <b>lanes</b>: every endpoint whose oldest pending delivery is due gets one lane
 *       (a task on a bounded pool of {@link Settings#concurrency()} threads; an endpoint that already has a lane
 *       running or queued in this process gets no second one). A lane claims its endpoint's oldest pending
 *       delivery in a short transaction (leased for {@link Settings#lease()}; {@link WebhookDeliveryStore#claimNext}
 *       never hands out a later delivery while an earlier one is pending, on any replica), POSTs it outside any
 *       transaction with the Standard Webhooks headers {@code webhook-id} (the event id), {@code webhook-timestamp}
 *       and {@code webhook-signature} ({@link WebhookSignatures}), after the endpoint's host passed
 *       {@link WebhookAddressGuard} again (DNS rebinding), records the outcome in its own transaction (2xx:
 *       DELIVERED; otherwise a backed-off retry, DEAD after 8 attempts), and goes on with the next one, up to
 *       {@link Settings#deliveryBatch()} per run. A lane stops at its first failed attempt: the endpoint's later
 *       deliveries wait behind the failed one (strict per-endpoint order).</li>
 * </ol>
 * So a slow or hanging endpoint holds one pool thread (its own lane) for at most one request timeout per run,
 * and never delays the lanes of other endpoints while the pool has threads left.
 * After {@link #DISABLE_AFTER_DEAD_DELIVERIES} consecutive DEAD deliveries (no accepted one in between) the
 * endpoint is made inactive in the transaction that records the last of them; its remaining deliveries then
 * go DEAD without being sent.
 */
public final class DeliverWebhooksService implements DeliverWebhooksUseCase, AutoCloseable {
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
     * @param deliveryBatch lanes (endpoints) started per run, and deliveries one lane sends per run
     * @param lease         how long a claimed delivery is hidden from other workers while it is sent
     * @param concurrency   threads of the delivery pool: how many endpoints are sent to at once
     */
    public record Settings(int eventBatch, int deliveryBatch, Duration lease, int concurrency) {
        /** Default {@link #concurrency()}. */
        public static final int DEFAULT_CONCURRENCY = 8;

        public Settings {
            BillingException.require(eventBatch >= 1, "eventBatch must be >= 1 but was " + eventBatch);
            BillingException.require(deliveryBatch >= 1, "deliveryBatch must be >= 1 but was " + deliveryBatch);
            BillingException.require(concurrency >= 1 && concurrency <= 1024,
                    "concurrency must be within 1..1024 but was " + concurrency);
            Objects.requireNonNull(lease, "lease");
            BillingException.require(!lease.isNegative() && !lease.isZero(), "lease must be positive");
        }

        /** 500 events, 100 lanes of up to 100 deliveries, a 5-minute lease, 8 threads. */
        public static Settings defaults() {
            return new Settings(500, 100, Duration.ofMinutes(5), DEFAULT_CONCURRENCY);
        }

        public Settings withConcurrency(int threads) {
            return new Settings(eventBatch, deliveryBatch, lease, threads);
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
    private final WebhookDeliveryObserver observer;
    private final ThreadPoolExecutor pool;
    /** Endpoints with a lane running or queued in this process. */
    private final Set<String> busy = ConcurrentHashMap.newKeySet();

    public DeliverWebhooksService(Outbox outbox, WebhookEndpointStore endpoints, WebhookDeliveryStore deliveries,
                                  WebhookSender sender, Transactions tx, Clock clock, Settings settings,
                                  WebhookAddressGuard guard) {
        this(outbox, endpoints, deliveries, sender, tx, clock, settings, guard, WebhookDeliveryObserver.NONE);
    }

    public DeliverWebhooksService(Outbox outbox, WebhookEndpointStore endpoints, WebhookDeliveryStore deliveries,
                                  WebhookSender sender, Transactions tx, Clock clock, Settings settings,
                                  WebhookAddressGuard guard, WebhookDeliveryObserver observer) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.observer = Objects.requireNonNull(observer, "observer");
        AtomicInteger threads = new AtomicInteger();
        // idle threads end after a minute; the queue holds at most one lane per endpoint (see busy)
        this.pool = new ThreadPoolExecutor(settings.concurrency(), settings.concurrency(), 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "billkit-webhooks-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public WebhookRunResult deliver() {
        return start().join();
    }

    @Override
    public CompletableFuture<WebhookRunResult> start() {
        int[] fanOut = tx.inTransaction(this::fanOut);
        List<String> due = tx.inTransaction(() -> deliveries.dueEndpoints(clock.instant(), settings.deliveryBatch()));
        List<CompletableFuture<int[]>> lanes = new ArrayList<>();
        // each lane runs on a pool thread in a span of this run's trace (or a trace of its own): its log lines and its
        // webhook requests (traceparent) carry it
        TraceContext trace = TraceContext.current().map(TraceContext::child).orElseGet(TraceContext::newTrace);
        for (String endpoint : due) {
            if (!busy.add(endpoint)) {
                continue;
            }
            try {
                lanes.add(CompletableFuture.supplyAsync(() -> inTrace(trace, endpoint), pool)
                        .whenComplete((counts, failure) -> busy.remove(endpoint)));
            } catch (RejectedExecutionException closed) {
                busy.remove(endpoint);
                log.warn("Webhook delivery pool is closed; endpoint {} is sent to by the next run", endpoint);
            }
        }
        return CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).thenApply(done -> {
            int[] sum = new int[3];
            for (CompletableFuture<int[]> lane : lanes) {
                int[] counts = lane.join();
                for (int i = 0; i < 3; i++) {
                    sum[i] += counts[i];
                }
            }
            return new WebhookRunResult(fanOut[0], fanOut[1], sum[0], sum[1], sum[2]);
        });
    }

    /**
     * One endpoint's lane: its due deliveries in order, until none is due, an attempt failed, or
     * {@link Settings#deliveryBatch()} were sent. Returns {delivered, retry, dead}; never throws.
     */
    private int[] inTrace(TraceContext trace, String endpointId) {
        try (TraceContext.Scope ignored = trace.child().open()) {
            return lane(endpointId);
        }
    }

    private int[] lane(String endpointId) {
        int[] counts = new int[3];
        try {
            for (int sent = 0; sent < settings.deliveryBatch(); sent++) {
                Instant now = clock.instant();
                Optional<WebhookDelivery> next = tx.inTransaction(() ->
                        deliveries.claimNext(endpointId, now, now.plus(settings.lease())));
                if (next.isEmpty()) {
                    break;
                }
                WebhookDelivery outcome = send(next.get());
                WebhookDeliveryStatus status = outcome.status();
                switch (status) {
                    case DELIVERED -> counts[0]++;
                    case PENDING -> counts[1]++;
                    case DEAD -> counts[2]++;
                }
                boolean attempted = outcome.attempts() > next.get().attempts();
                if (status != WebhookDeliveryStatus.DELIVERED && attempted) {
                    break; // the endpoint failed: its later deliveries wait behind this one
                }
            }
        } catch (RuntimeException e) {
            log.error("Webhook lane of endpoint {} failed; its deliveries come due again after their lease",
                    endpointId, e);
        }
        return counts;
    }

    /** Attempts one claimed delivery and records the outcome; returns the delivery as recorded. */
    private WebhookDelivery send(WebhookDelivery delivery) {
        Instant sentAt = clock.instant();
        WebhookDelivery outcome = attempt(delivery);
        Instant finishedAt = clock.instant();
        Duration elapsed = Duration.between(sentAt, finishedAt);
        Duration latency = elapsed.isNegative() ? Duration.ZERO : elapsed;
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
        try {
            observer.observed(outcome.status(), attempted ? Optional.of(latency) : Optional.empty());
        } catch (RuntimeException e) {
            log.warn("Webhook delivery observer failed", e);
        }
        return outcome;
    }

    /**
     * Stops the pool: lanes queued but not started are dropped (their deliveries stay due), running ones get up
     * to {@code wait} to finish (a delivery cut off is sent again after its lease: at-least-once).
     */
    public void close(Duration wait) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #close(Duration)} with 15 s (longer than one webhook request timeout). */
    @Override
    public void close() {
        close(Duration.ofSeconds(15));
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
