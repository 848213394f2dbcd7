package io.billkit.application.service;

import io.billkit.domain.catalog.Window;
import io.billkit.domain.time.BillingPeriod;
import io.billkit.domain.time.CustomerCalendar;
import io.billkit.domain.time.TimeWindow;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The window an allowance counts in at one instant, both as UTC instants (the quota counter's key is its
 * start) and as the customer's local days {@code [firstDay, endDay)} (what the usage store aggregates over).
 * DAY is the local day, MONTH the local calendar month, PERIOD the billing period.
 */
record AllowanceWindow(Window kind, TimeWindow instants, LocalDate firstDay, LocalDate endDay) {
    AllowanceWindow {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(instants, "instants");
        Objects.requireNonNull(firstDay, "firstDay");
        Objects.requireNonNull(endDay, "endDay");
    }

    /** The window of kind {@code kind} containing {@code at}; {@code period} must contain {@code at}. */
    static AllowanceWindow at(CustomerCalendar calendar, Window kind, Instant at, BillingPeriod period) {
        TimeWindow instants = calendar.window(kind, at, period);
        LocalDate local = calendar.localDate(at);
        return switch (kind) {
            case DAY -> new AllowanceWindow(kind, instants, local, local.plusDays(1));
            case MONTH -> new AllowanceWindow(kind, instants, local.withDayOfMonth(1), local.withDayOfMonth(1).plusMonths(1));
            case PERIOD -> new AllowanceWindow(kind, instants, period.start(), period.endExclusive());
        };
    }

    /**
     * The window of kind {@code kind} containing {@code at} for the context's customer; the billing period is
     * the context's when it contains {@code at}, else the schedule's period containing it.
     */
    static AllowanceWindow at(BillingContext context, Window kind, Instant at) {
        BillingPeriod period = context.period().contains(at)
                ? context.period()
                : context.subscription().schedule().periodContaining(at);
        return at(context.calendar(), kind, at, period);
    }

    Instant start() {
        return instants.start();
    }

    Instant end() {
        return instants.end();
    }

    @Override
    public String toString() {
        return kind + " window " + firstDay + ".." + endDay.minusDays(1);
    }
}
