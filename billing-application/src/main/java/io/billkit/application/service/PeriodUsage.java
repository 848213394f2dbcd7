package io.billkit.application.service;

import io.billkit.application.port.out.UsageEventStore;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.MeterTerms;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.MeteredQuantity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a subscription's usage of a span of local days from the {@link UsageEventStore}, shaped as the
 * {@link io.billkit.domain.invoice.InvoiceCalculator} needs it: a period total for {@code PERIOD}
 * allowances, and one quantity per local day ({@code DAY}) or per local calendar month ({@code MONTH})
 * of the span otherwise, so each window's allowance is applied on its own. Each window is aggregated by
 * the store on its own, so MAX, LATEST and UNIQUE_COUNT meters are right per window too.
 */
final class PeriodUsage {
    private final UsageEventStore usage;
    private final Catalog catalog;

    PeriodUsage(UsageEventStore usage, Catalog catalog) {
        this.usage = Objects.requireNonNull(usage, "usage");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** Usage per plan meter over the local days {@code [from, toExclusive)}, in plan order. */
    Map<MeterKey, MeteredQuantity> measure(CustomerId customer, Plan plan, LocalDate from, LocalDate toExclusive) {
        Map<MeterKey, MeteredQuantity> byMeter = new LinkedHashMap<>();
        for (MeterTerms terms : plan.meters()) {
            Meter meter = catalog.requireMeter(terms.meter());
            byMeter.put(terms.meter(), switch (terms.allowance().window()) {
                case PERIOD -> MeteredQuantity.total(usage.aggregate(customer, meter, from, toExclusive));
                case DAY -> MeteredQuantity.perWindow(perDay(customer, meter, from, toExclusive));
                case MONTH -> MeteredQuantity.perWindow(perMonth(customer, meter, from, toExclusive));
            });
        }
        return byMeter;
    }

    /** The period total of one meter over {@code [from, toExclusive)}. */
    BigDecimal total(CustomerId customer, MeterKey meter, LocalDate from, LocalDate toExclusive) {
        return usage.aggregate(customer, catalog.requireMeter(meter), from, toExclusive);
    }

    private List<BigDecimal> perDay(CustomerId customer, Meter meter, LocalDate from, LocalDate toExclusive) {
        List<BigDecimal> days = new ArrayList<>();
        for (LocalDate day = from; day.isBefore(toExclusive); day = day.plusDays(1)) {
            days.add(usage.aggregate(customer, meter, day, day.plusDays(1)));
        }
        return days;
    }

    private List<BigDecimal> perMonth(CustomerId customer, Meter meter, LocalDate from, LocalDate toExclusive) {
        List<BigDecimal> months = new ArrayList<>();
        LocalDate start = from;
        while (start.isBefore(toExclusive)) {
            LocalDate nextMonth = start.withDayOfMonth(1).plusMonths(1);
            LocalDate end = nextMonth.isBefore(toExclusive) ? nextMonth : toExclusive;
            months.add(usage.aggregate(customer, meter, start, end));
            start = end;
        }
        return months;
    }
}
