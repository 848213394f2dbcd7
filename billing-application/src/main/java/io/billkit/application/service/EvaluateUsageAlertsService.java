package io.billkit.application.service;

import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.usage.EvaluateUsageAlertsUseCase;
import io.billkit.application.port.in.usage.UsageAlertView;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.OutboxEvent;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.UsageAlertStore;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterTerms;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.quota.UsageAlert;
import io.billkit.domain.quota.UsageAlertEvaluator;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Fires the usage alerts newly crossed in the current windows of the customer's plan meters with a finite
 * allowance. Usage is the window's aggregate from the usage store; thresholds come from the
 * {@link UsageAlertEvaluator} (75/90/100 % by default) and fire once per customer, meter and window, guarded
 * by {@link UsageAlertStore#recordIfNew}. Each fired alert is written with a {@code usage.alert} outbox event
 * (its id derived from the alert, so it is stable) and a {@code usage.alert} audit entry, all in one
 * transaction. NOT_FOUND without a live subscription.
 */
public final class EvaluateUsageAlertsService implements EvaluateUsageAlertsUseCase {
    private final BillingContexts contexts;
    private final UsageEventStore events;
    private final UsageAlertStore alerts;
    private final Outbox outbox;
    private final Transactions tx;
    private final AuditTrail audit;
    private final Clock clock;
    private final UsageAlertEvaluator evaluator;

    /** With the default thresholds 75, 90 and 100 %. */
    public EvaluateUsageAlertsService(BillingContexts contexts, UsageEventStore events, UsageAlertStore alerts,
                                      Outbox outbox, Transactions tx, AuditTrail audit, Clock clock) {
        this(contexts, events, alerts, outbox, tx, audit, clock, UsageAlertEvaluator.withDefaults());
    }

    public EvaluateUsageAlertsService(BillingContexts contexts, UsageEventStore events, UsageAlertStore alerts,
                                      Outbox outbox, Transactions tx, AuditTrail audit, Clock clock,
                                      UsageAlertEvaluator evaluator) {
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.events = Objects.requireNonNull(events, "events");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    }

    @Override
    public List<UsageAlertView> evaluate(CustomerId customer, Actor actor) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(actor, "actor");
        Instant now = clock.instant();
        return tx.inTransaction(() -> {
            BillingContext context = contexts.live(customer, now);
            List<UsageAlertView> fired = new ArrayList<>();
            for (MeterTerms terms : context.plan().meters()) {
                if (terms.allowance().isUnlimited()) {
                    continue;
                }
                Meter meter = contexts.catalog().requireMeter(terms.meter());
                AllowanceWindow window = AllowanceWindow.at(context, terms.allowance().window(), now);
                BigDecimal used = events.aggregate(customer, meter, window.firstDay(), window.endDay());
                var already = alerts.fired(customer, meter.key(), window.start());
                for (UsageAlert alert : evaluator.alerts(customer, meter.key(), window.start(),
                        terms.allowance().included(), BigDecimal.ZERO, used, already)) {
                    if (alerts.recordIfNew(alert, now)) {
                        announce(alert, window, now, actor);
                        fired.add(new UsageAlertView(customer, alert.meter(), alert.thresholdPercent(),
                                alert.windowStart(), alert.used(), alert.limit(), now));
                    }
                }
            }
            return List.copyOf(fired);
        });
    }

    private void announce(UsageAlert alert, AllowanceWindow window, Instant now, Actor actor) {
        String key = "usage.alert|" + alert.customer() + "|" + alert.meter() + "|" + alert.windowStart() + "|"
                + alert.thresholdPercent();
        Map<String, String> data = Map.of(
                "meter", alert.meter().value(),
                "thresholdPercent", Integer.toString(alert.thresholdPercent()),
                "used", alert.used().toPlainString(),
                "limit", alert.limit().toString(),
                "window", window.kind().name(),
                "windowStart", alert.windowStart().toString(),
                "windowEnd", window.end().toString());
        outbox.append(new OutboxEvent(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString(),
                "usage.alert", alert.customer().value(), alert.customer().value(), data, now));
        audit.record(actor, "usage.alert", alert.customer(), data);
    }
}
