package io.billkit.application.service;

import io.billkit.application.port.out.UsageEventStore;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.usage.UsageRollup;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A test-only {@link UsageEventStore}: daily SUM totals per customer and meter, set directly with
 * {@link #add}. Enough for the invoice, reconciliation and summary services, which only read aggregates.
 * Not transactional.
 */
final class TestUsageEventStore implements UsageEventStore {
    private record DayKey(CustomerId customer, MeterKey meter, LocalDate day) {
    }

    private final Map<DayKey, BigDecimal> daily = new HashMap<>();
    private final Set<String> eventIds = new HashSet<>();

    /** Adds {@code quantity} to the customer's meter on the local {@code day}. */
    synchronized TestUsageEventStore add(CustomerId customer, MeterKey meter, LocalDate day, String quantity) {
        daily.merge(new DayKey(customer, meter, day), new BigDecimal(quantity), BigDecimal::add);
        return this;
    }

    @Override
    public synchronized List<DatedUsageEvent> appendNew(List<DatedUsageEvent> events) {
        List<DatedUsageEvent> stored = new ArrayList<>();
        for (DatedUsageEvent dated : events) {
            if (eventIds.add(dated.event().customer().value() + "|" + dated.event().eventId())) {
                daily.merge(new DayKey(dated.event().customer(), dated.event().meter(), dated.day()),
                        dated.event().quantity(), BigDecimal::add);
                stored.add(dated);
            }
        }
        return stored;
    }

    @Override
    public synchronized BigDecimal aggregate(CustomerId customer, Meter meter, LocalDate from, LocalDate toExclusive) {
        BigDecimal sum = BigDecimal.ZERO;
        for (LocalDate day = from; day.isBefore(toExclusive); day = day.plusDays(1)) {
            sum = sum.add(daily.getOrDefault(new DayKey(customer, meter.key(), day), BigDecimal.ZERO));
        }
        return sum;
    }

    @Override
    public synchronized List<UsageRollup> dailyRollups(CustomerId customer, Optional<MeterKey> meter, LocalDate from,
                                                       LocalDate toInclusive) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public synchronized boolean contains(CustomerId customer, String eventId) {
        return eventIds.contains(customer.value() + "|" + eventId);
    }
}
