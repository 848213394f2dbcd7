package io.billkit.adapter.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.Objects;

/**
 * The service's meters, in Prometheus form at {@code GET /api/v1/metrics}:
 * <ul>
 *   <li>{@code billkit_http_server_requests_seconds} (a histogram: {@code _bucket{le=...}}, {@code _count},
 *       {@code _sum}, and {@code _max} as a gauge) by {@code method}, {@code route} (the route template such as
 *       {@code /api/v1/invoices/{id}}, never the raw path; {@code unmatched} when no route matched) and
 *       {@code status}; the buckets ({@link #LATENCY_BUCKETS}, 5 ms .. 10 s) let Prometheus compute p95/p99 with
 *       {@code histogram_quantile};</li>
 *   <li>{@code billkit_usage_events_ingested_total}: usage events newly stored by the ingestion routes
 *       (accepted events and admitted quota consumptions; duplicates and rejections do not count);</li>
 *   <li>{@code billkit_webhooks_handled_total} by {@code outcome}: {@code applied}, {@code duplicate},
 *       {@code ignored}, {@code stale} (the handling result), {@code rejected} (bad signature or body) and
 *       {@code failed} (the handler threw).</li>
 * </ul>
 * Prometheus appends {@code _total} to counters. Thread-safe.
 */
public final class HttpMetrics {
    static final String UNMATCHED_ROUTE = "unmatched";

    /** The upper bounds of the HTTP latency histogram's buckets (Prometheus adds {@code +Inf}). */
    public static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry;
    private final Counter usageEventsIngested;

    public HttpMetrics() {
        this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    public HttpMetrics(PrometheusMeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.usageEventsIngested = Counter.builder("billkit.usage.events.ingested")
                .description("Usage events accepted by the ingestion routes").register(registry);
        for (String outcome : new String[] {"applied", "duplicate", "ignored", "stale", "rejected", "failed"}) {
            webhookCounter(outcome);
        }
    }

    /** Counts {@code events} newly stored usage events. */
    public void usageEventsIngested(long events) {
        if (events < 0) {
            throw new IllegalArgumentException("events must not be negative but was " + events);
        }
        usageEventsIngested.increment(events);
    }

    /** Counts one handled inbound webhook with its {@code outcome} (a short lowercase word). */
    public void webhookHandled(String outcome) {
        webhookCounter(Objects.requireNonNull(outcome, "outcome")).increment();
    }

    /** The registry, for binders (JVM, pool metrics) that bootstrap adds. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    void recordRequest(String method, String routeTemplate, int status, Duration elapsed) {
        Timer.builder("billkit.http.server.requests")
                .description("HTTP requests by route template")
                .tags("method", method, "route", routeTemplate, "status", Integer.toString(status))
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry)
                .record(elapsed);
    }

    private Counter webhookCounter(String outcome) {
        return Counter.builder("billkit.webhooks.handled").description("Inbound webhooks handled, by outcome")
                .tag("outcome", outcome).register(registry);
    }
}
