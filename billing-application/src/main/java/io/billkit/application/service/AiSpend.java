package io.billkit.application.service;

import io.billkit.application.port.out.AiReservationStore;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.MeterTerms;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.Money;
import io.billkit.domain.time.CustomerCalendar;
import io.billkit.domain.time.TimeWindow;
import io.billkit.domain.usage.MeterUsage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * AI spend: the token meter's usage in a customer-local window (the usage store's daily rollups) plus the open
 * reservations created in it, priced with the plan's terms for the meter ({@link MeterUsage#overageCost}: what
 * the tokens past the allowance cost, rounded once). Exact for the seeds, whose token allowances are zero
 * (every token billed) or unlimited and free. A plan or catalog without the meter spends nothing.
 */
final class AiSpend {
    private final UsageEventStore events;
    private final AiReservationStore reservations;
    private final Catalog catalog;
    private final MeterKey tokenMeter;

    AiSpend(UsageEventStore events, AiReservationStore reservations, Catalog catalog, MeterKey tokenMeter) {
        this.events = Objects.requireNonNull(events, "events");
        this.reservations = Objects.requireNonNull(reservations, "reservations");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.tokenMeter = Objects.requireNonNull(tokenMeter, "tokenMeter");
    }

    MeterKey tokenMeter() {
        return tokenMeter;
    }

    Optional<Meter> meter() {
        return catalog.meter(tokenMeter);
    }

    /** Recorded tokens over the local days {@code [from, toExclusive)}. */
    BigDecimal usedTokens(CustomerId customer, LocalDate from, LocalDate toExclusive) {
        return meter().map(m -> events.aggregate(customer, m, from, toExclusive)).orElse(BigDecimal.ZERO);
    }

    /** Recorded plus reserved tokens of the local day containing {@code at}. */
    BigDecimal tokensToday(CustomerId customer, CustomerCalendar calendar, Instant at) {
        LocalDate day = calendar.localDate(at);
        return usedTokens(customer, day, day.plusDays(1)).add(reserved(customer, calendar.day(at), at));
    }

    /** Recorded plus reserved tokens of the local calendar month containing {@code at}. */
    BigDecimal tokensThisMonth(CustomerId customer, CustomerCalendar calendar, Instant at) {
        LocalDate first = calendar.localDate(at).withDayOfMonth(1);
        return usedTokens(customer, first, first.plusMonths(1)).add(reserved(customer, calendar.month(at), at));
    }

    private BigDecimal reserved(CustomerId customer, TimeWindow window, Instant at) {
        return reservations.openTokens(customer, window.start(), window.end(), at);
    }

    /** What {@code tokens} cost under the plan (zero without terms for the meter). */
    Money cost(Plan plan, BigDecimal tokens) {
        Optional<MeterTerms> terms = plan.terms(tokenMeter);
        return terms.map(t -> MeterUsage.overageCost(t, tokens)).orElseGet(() -> Money.zero(plan.currency()));
    }
}
