package io.billkit.bootstrap;

import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.invoice.ClosePeriodCommand;
import io.billkit.application.port.in.invoice.ClosePeriodResult;
import io.billkit.application.port.in.invoice.ClosePeriodUseCase;
import io.billkit.application.tracing.TraceContext;
import io.billkit.application.port.in.usage.EvaluateUsageAlertsUseCase;
import io.billkit.application.port.in.webhook.DeliverWebhooksUseCase;
import io.billkit.application.port.in.webhook.PruneWebhookDeliveryLogUseCase;
import io.billkit.application.port.in.webhook.WebhookRunResult;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.domain.customer.CustomerId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The background work of one instance: every {@code interval} (first run one interval after start) it closes
 * the billing periods that ended ({@link ClosePeriodUseCase}) and evaluates the usage alerts of every customer
 * with a live subscription ({@link EvaluateUsageAlertsUseCase}); on a second thread, every
 * {@code webhookInterval}, it starts the outbound webhook relay ({@link DeliverWebhooksUseCase#start()}: the
 * deliveries run on the relay's own bounded pool, one lane per endpoint, and the tick does not wait for them), so a
 * slow receiver never delays period close nor other endpoints; hourly (and at start) it prunes the delivery log
 * older than {@code deliveryLogRetention}.
 *
 * <p>Safe on N replicas without coordination: period close claims each period through the
 * {@code PeriodCloseGuard} and the one-invoice-per-subscription-and-period constraint, so a second instance
 * skips what the first closed ({@code alreadyInvoiced}); an alert fires once per window because the alert store
 * records it atomically; webhook deliveries are claimed with {@code FOR UPDATE SKIP LOCKED} and leased. A failed
 * run is logged and retried on the next tick. The threads are daemons and {@link #close()} stops them (waiting up
 * to 10 s for a run in progress).
 */
final class BillingScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BillingScheduler.class);
    private static final Actor SCHEDULER = Actor.of("scheduler");
    /** How often the delivery log is pruned. */
    static final Duration PRUNE_INTERVAL = Duration.ofHours(1);

    private final ClosePeriodUseCase closePeriod;
    private final EvaluateUsageAlertsUseCase usageAlerts;
    private final SubscriptionStore subscriptions;
    private final DeliverWebhooksUseCase deliverWebhooks;
    private final ScheduledExecutorService executor;
    private final PruneWebhookDeliveryLogUseCase pruneDeliveryLog;
    private final Duration deliveryLogRetention;

    BillingScheduler(ClosePeriodUseCase closePeriod, EvaluateUsageAlertsUseCase usageAlerts,
                     SubscriptionStore subscriptions, Duration interval, DeliverWebhooksUseCase deliverWebhooks,
                     Duration webhookInterval, PruneWebhookDeliveryLogUseCase pruneDeliveryLog,
                     Duration deliveryLogRetention) {
        this.pruneDeliveryLog = Objects.requireNonNull(pruneDeliveryLog, "pruneDeliveryLog");
        this.deliveryLogRetention = Objects.requireNonNull(deliveryLogRetention, "deliveryLogRetention");
        this.closePeriod = Objects.requireNonNull(closePeriod, "closePeriod");
        this.usageAlerts = Objects.requireNonNull(usageAlerts, "usageAlerts");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.deliverWebhooks = Objects.requireNonNull(deliverWebhooks, "deliverWebhooks");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(webhookInterval, "webhookInterval");
        this.executor = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "billkit-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> traced(this::runOnce), millis, millis, TimeUnit.MILLISECONDS);
        long webhookMillis = webhookInterval.toMillis();
        executor.scheduleWithFixedDelay(() -> traced(this::deliverWebhooksOnce), webhookMillis, webhookMillis,
                TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(() -> traced(this::pruneDeliveryLogOnce), 0, PRUNE_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("Billing scheduler: period close and usage alerts every {}, outbound webhooks every {}, delivery log"
                + " kept {}", interval, webhookInterval, deliveryLogRetention);
    }

    /**
     * Runs {@code job} in a new trace ({@link TraceContext}): its log lines carry one trace id, and so do the
     * provider and webhook calls it makes ({@code traceparent}).
     */
    private static void traced(Runnable job) {
        try (TraceContext.Scope ignored = TraceContext.newTrace().open()) {
            job.run();
        }
    }

    /** One tick: close ended periods, then evaluate alerts per live customer. Never throws. */
    void runOnce() {
        try {
            ClosePeriodResult result = closePeriod.close(new ClosePeriodCommand(SCHEDULER));
            if (!result.created().isEmpty() || !result.failures().isEmpty()) {
                log.info("Period close: {} invoices created, {} already invoiced, {} failures {}",
                        result.created().size(), result.alreadyInvoiced(), result.failures().size(), result.failures());
            }
        } catch (RuntimeException e) {
            log.error("Period close failed; retrying on the next run", e);
        }
        Set<CustomerId> customers = new LinkedHashSet<>();
        try {
            subscriptions.live().forEach(s -> customers.add(s.customer()));
        } catch (RuntimeException e) {
            log.error("Cannot list live subscriptions for usage alerts", e);
            return;
        }
        for (CustomerId customer : customers) {
            try {
                usageAlerts.evaluate(customer, SCHEDULER);
            } catch (RuntimeException e) {
                log.warn("Usage alerts of customer {} failed", customer, e);
            }
        }
    }

    /**
     * One webhook relay run: fan out new outbox events, start the due endpoints' lanes on the delivery pool, and
     * return without waiting for them (a hanging endpoint keeps its own lane; the next tick serves the others).
     * Never throws.
     */
    void deliverWebhooksOnce() {
        try {
            deliverWebhooks.start().whenComplete((result, failure) -> {
                if (failure != null) {
                    log.error("Outbound webhook run failed; retrying on the next run", failure);
                } else if (!result.idle()) {
                    log.info("Outbound webhooks: {} events, {} deliveries queued, {} delivered, {} to retry, {} dead",
                            result.eventsPublished(), result.deliveriesEnqueued(), result.delivered(),
                            result.retryScheduled(), result.dead());
                }
            });
        } catch (RuntimeException e) {
            log.error("Outbound webhook run failed; retrying on the next run", e);
        }
    }

    /** Deletes delivery-log entries older than the retention (at start, then hourly). Never throws. */
    void pruneDeliveryLogOnce() {
        try {
            int pruned = pruneDeliveryLog.prune(deliveryLogRetention);
            if (pruned > 0) {
                log.info("Outbound webhooks: pruned {} delivery-log entries older than {}", pruned,
                        deliveryLogRetention);
            }
        } catch (RuntimeException e) {
            log.error("Pruning the webhook delivery log failed; retrying in {}", PRUNE_INTERVAL, e);
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.info("Billing scheduler stopped");
    }
}
