package io.billkit.bootstrap.metrics;

import io.billkit.application.port.in.quota.Admission;
import io.billkit.application.port.in.usage.UsageEventStatus;
import io.billkit.domain.catalog.Catalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The business counters of the service, on a Micrometer registry (the application knows none of this: bootstrap
 * wraps use cases and ports in the {@code Metered*} decorators of this package). Families, as Prometheus shows them:
 * <ul>
 *   <li>{@code billkit_usage_events_total{meter,outcome}}: usage events by outcome {@code accepted},
 *       {@code duplicate}, {@code rejected};</li>
 *   <li>{@code billkit_quota_decisions_total{meter,operation,decision}}: {@code check} or {@code consume},
 *       {@code allowed} or {@code denied};</li>
 *   <li>{@code billkit_invoices_issued_total{currency}} and {@code billkit_invoices_issued_amount_total{currency}}
 *       (the sum of the issued invoices' totals, in the currency's major unit);</li>
 *   <li>{@code billkit_period_close_runs_total{outcome}}: {@code completed}, {@code partial} (some subscriptions
 *       failed), {@code failed} (the run threw);</li>
 *   <li>{@code billkit_provider_calls_total{operation,outcome}}: payment-provider calls, {@code ok} or
 *       {@code error}.</li>
 * </ul>
 * Outbound webhook deliveries are counted once, by the delivery observer
 * ({@code billkit_outbound_webhook_deliveries_total}, adapter-http-javalin's {@code WebhookDeliveryMetrics}).
 * Label values are bounded: a meter not in the catalog is {@code unknown} (clients choose the strings they send).
 */
public final class BusinessMetrics {
    static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;
    private final Set<String> meters;

    public BusinessMetrics(MeterRegistry registry, Catalog catalog) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.meters = Objects.requireNonNull(catalog, "catalog").meters().stream().map(m -> m.key().value())
                .collect(Collectors.toUnmodifiableSet());
        for (String outcome : new String[] {"completed", "partial", "failed"}) {
            periodCloseRuns(outcome);
        }
    }

    /** The registry the counters are on. */
    public MeterRegistry registry() {
        return registry;
    }

    void usageEvent(String meter, UsageEventStatus status) {
        Counter.builder("billkit.usage.events").description("Usage events by meter and outcome")
                .tags("meter", meterLabel(meter), "outcome", status.name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }

    void quotaDecision(String meter, String operation, Admission admission) {
        Counter.builder("billkit.quota.decisions").description("Quota checks and consumptions by decision")
                .tags("meter", meterLabel(meter), "operation", operation,
                        "decision", admission.name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }

    void invoiceIssued(String currency, BigDecimal total) {
        String code = currency.matches("[A-Z]{3}") ? currency : UNKNOWN;
        Counter.builder("billkit.invoices.issued").description("Invoices finalized (issued), by currency")
                .tag("currency", code).register(registry).increment();
        Counter.builder("billkit.invoices.issued.amount")
                .description("Sum of the issued invoices' totals, in the currency's major unit")
                .tag("currency", code).register(registry).increment(total.doubleValue());
    }

    void periodCloseRun(String outcome) {
        periodCloseRuns(outcome).increment();
    }

    void providerCall(String operation, boolean failed) {
        Counter.builder("billkit.provider.calls").description("Payment provider calls by operation and outcome")
                .tags("operation", operation, "outcome", failed ? "error" : "ok").register(registry).increment();
    }

    private Counter periodCloseRuns(String outcome) {
        return Counter.builder("billkit.period.close.runs").description("Period-close runs by outcome")
                .tag("outcome", outcome).register(registry);
    }

    private String meterLabel(String meter) {
        return meter != null && meters.contains(meter) ? meter : UNKNOWN;
    }
}
