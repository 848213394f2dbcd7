package io.billkit.adapter.http;

import io.billkit.application.port.out.WebhookDeliveryObserver;
import io.billkit.application.port.out.WebhookDeliveryStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Outbound webhook delivery meters, exposed with the others at {@code GET /api/v1/metrics}:
 * <ul>
 *   <li>{@code billkit_outbound_webhook_deliveries_total} by {@code outcome}: {@code delivered} (2xx),
 *       {@code failed} (a failed attempt that will be retried) and {@code dead} (given up, or dropped because
 *       the endpoint is gone or inactive);</li>
 *   <li>{@code billkit_outbound_webhook_delivery_seconds} (a histogram: {@code _bucket}, {@code _count},
 *       {@code _sum}, {@code _max}) of the time from sending to the answer or the failure, by {@code outcome}.</li>
 * </ul>
 * All meters in this one class, on the registry of {@link HttpMetrics}. Thread-safe.
 */
public final class WebhookDeliveryMetrics implements WebhookDeliveryObserver {
    private final Map<WebhookDeliveryStatus, Counter> outcomes = new EnumMap<>(WebhookDeliveryStatus.class);
    private final Map<WebhookDeliveryStatus, Timer> latencies = new EnumMap<>(WebhookDeliveryStatus.class);

    public WebhookDeliveryMetrics(HttpMetrics metrics) {
        this(Objects.requireNonNull(metrics, "metrics").registry());
    }

    public WebhookDeliveryMetrics(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        for (WebhookDeliveryStatus status : WebhookDeliveryStatus.values()) {
            String outcome = outcome(status);
            outcomes.put(status, Counter.builder("billkit.outbound.webhook.deliveries")
                    .description("Outbound webhook delivery outcomes").tag("outcome", outcome).register(registry));
            latencies.put(status, Timer.builder("billkit.outbound.webhook.delivery")
                    .description("Outbound webhook delivery latency, from sending to the answer or the failure")
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(5))
                    .maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry));
        }
    }

    static String outcome(WebhookDeliveryStatus status) {
        return switch (status) {
            case DELIVERED -> "delivered";
            case PENDING -> "failed";
            case DEAD -> "dead";
        };
    }

    @Override
    public void observed(WebhookDeliveryStatus outcome, Optional<Duration> latency) {
        if (outcome == null || latency == null) {
            return;
        }
        outcomes.get(outcome).increment();
        latency.ifPresent(l -> latencies.get(outcome).record(l));
    }
}
