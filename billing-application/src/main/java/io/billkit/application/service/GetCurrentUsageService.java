package io.billkit.application.service;

import io.billkit.application.port.in.usage.CurrentUsageView;
import io.billkit.application.port.in.usage.GetCurrentUsageUseCase;
import io.billkit.application.port.in.usage.MeterUsageView;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.domain.catalog.Limit;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterTerms;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.forecast.UsageForecast;
import io.billkit.domain.usage.MeterUsage;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The current usage of each meter of the customer's plan, in plan order: what the allowance's current window
 * (local day, calendar month or billing period, in the customer's time zone) used so far according to the
 * usage store, what the plan includes, the billable overage and its price ({@link MeterUsage}), and a linear
 * projection to the window's end ({@link UsageForecast}). NOT_FOUND without a live subscription.
 */
public final class GetCurrentUsageService implements GetCurrentUsageUseCase {
    private final BillingContexts contexts;
    private final UsageEventStore events;
    private final Clock clock;

    public GetCurrentUsageService(BillingContexts contexts, UsageEventStore events, Clock clock) {
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CurrentUsageView current(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        Instant now = clock.instant();
        BillingContext context = contexts.live(customer, now);
        List<MeterUsageView> meters = context.plan().meters().stream()
                .map(terms -> meterView(context, terms, now))
                .toList();
        var period = context.period().contains(now)
                ? context.period()
                : context.subscription().schedule().periodContaining(now);
        return new CurrentUsageView(customer, context.plan().code(), period.start(), period.endExclusive(), now, meters);
    }

    private MeterUsageView meterView(BillingContext context, MeterTerms terms, Instant now) {
        Meter meter = contexts.catalog().requireMeter(terms.meter());
        AllowanceWindow window = AllowanceWindow.at(context, terms.allowance().window(), now);
        BigDecimal used = events.aggregate(context.customer().id(), meter, window.firstDay(), window.endDay());
        MeterUsage usage = MeterUsage.of(terms, used);
        UsageForecast forecast = UsageForecast.of(terms, used, window.instants(), now);
        Optional<BigDecimal> remaining = usage.remaining() instanceof Limit.Finite finite
                ? Optional.of(finite.quantity())
                : Optional.empty();
        return new MeterUsageView(meter.key(), meter.name(), meter.unit(), terms.allowance().window(),
                terms.allowance().mode(), used, usage.included(), remaining, usage.percentUsed(),
                terms.billableUnits(used), usage.overageCost(), forecast.projectedUsage(),
                forecast.projectedOverageCost());
    }
}
