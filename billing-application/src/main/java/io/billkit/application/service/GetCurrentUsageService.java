package io.billkit.application.service;

import io.billkit.application.port.in.usage.CurrentUsageView;
import io.billkit.application.port.in.usage.GetCurrentUsageUseCase;
import io.billkit.application.port.in.usage.MeterUsageView;
import io.billkit.application.port.out.Transactions;
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
import java.util.function.Supplier;
import java.util.Optional;

/**
 * The current usage of each meter of the customer's plan, in plan order: what the allowance's current window
 * (local day, calendar month or billing period, in the customer's time zone) used so far according to the
 * usage store, what the plan includes, the billable overage and its price ({@link MeterUsage}), and a linear
 * projection to the window's end ({@link UsageForecast}). NOT_FOUND without a live subscription. All reads run
 * in one transaction (one consistent snapshot, one row-scope setting).
 */
public final class GetCurrentUsageService implements GetCurrentUsageUseCase {
    private final BillingContexts contexts;
    private final UsageEventStore events;
    private final Clock clock;
    private final Transactions tx;

    public GetCurrentUsageService(BillingContexts contexts, UsageEventStore events, Transactions tx, Clock clock) {
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.events = Objects.requireNonNull(events, "events");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Without a {@link Transactions}: each store call is its own transaction (for callers that don't mind). */
    public GetCurrentUsageService(BillingContexts contexts, UsageEventStore events, Clock clock) {
        this(contexts, events, Supplier::get, clock);
    }

    @Override
    public CurrentUsageView current(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        Instant now = clock.instant();
        return tx.inTransaction(() -> current(customer, now));
    }

    private CurrentUsageView current(CustomerId customer, Instant now) {
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
