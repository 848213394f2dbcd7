package io.billkit.application.inmemory;

import io.billkit.application.port.out.UsageEventStore;
import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.usage.RollupCombiner;
import io.billkit.domain.usage.UsageEvent;
import io.billkit.domain.usage.UsageRollup;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link UsageEventStore} in memory. The (customer, event id) key of the event map is the unique
 * constraint; the daily rollups are updated incrementally in the same transaction, with the same
 * semantics as {@link io.billkit.domain.usage.UsageAggregator#rollup}: COUNT adds one, SUM adds the
 * quantity, MAX keeps the largest, LATEST keeps the quantity of the latest event (by timestamp, then by
 * event id). UNIQUE_COUNT meters get no rollups; their aggregate counts distinct property values over the
 * stored events. Every write goes through {@link InMemoryTransactions}, so a failed transaction leaves
 * neither events nor rollup changes behind.
 */
public final class InMemoryUsageEventStore implements UsageEventStore {
    private final InMemoryTransactions tx;
    private final Map<EventKey, DatedUsageEvent> events = new LinkedHashMap<>();
    private final Map<DayKey, DayRollup> rollups = new HashMap<>();

    private record EventKey(CustomerId customer, String eventId) {
    }

    private record DayKey(CustomerId customer, MeterKey meter, LocalDate day) {
    }

    /** A rollup and the id of the event that set its {@code latestAt} (LATEST ties break on it). */
    private record DayRollup(UsageRollup rollup, String latestEventId) {
    }

    public InMemoryUsageEventStore(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public List<DatedUsageEvent> appendNew(List<DatedUsageEvent> batch) {
        Objects.requireNonNull(batch, "events");
        return tx.inTransaction(() -> {
            List<DatedUsageEvent> stored = new ArrayList<>();
            for (DatedUsageEvent dated : batch) {
                Objects.requireNonNull(dated, "events must not contain null");
                UsageEvent event = dated.event();
                EventKey key = new EventKey(event.customer(), event.eventId());
                if (events.containsKey(key)) {
                    continue;
                }
                tx.put(events, key, dated);
                if (dated.aggregationMeter().aggregation() != Aggregation.UNIQUE_COUNT) {
                    DayKey dayKey = new DayKey(event.customer(), event.meter(), dated.day());
                    tx.put(rollups, dayKey, fold(rollups.get(dayKey), dated));
                }
                stored.add(dated);
            }
            return List.copyOf(stored);
        });
    }

    private static DayRollup fold(DayRollup previous, DatedUsageEvent dated) {
        UsageEvent event = dated.event();
        if (previous == null) {
            BigDecimal first = dated.aggregationMeter().aggregation() == Aggregation.COUNT ? BigDecimal.ONE : event.quantity();
            return new DayRollup(new UsageRollup(event.meter(), dated.day(), first, 1, event.timestamp()), event.eventId());
        }
        UsageRollup before = previous.rollup();
        boolean later = event.timestamp().isAfter(before.latestAt())
                || (event.timestamp().equals(before.latestAt()) && event.eventId().compareTo(previous.latestEventId()) > 0);
        BigDecimal value = switch (dated.aggregationMeter().aggregation()) {
            case COUNT -> before.value().add(BigDecimal.ONE);
            case SUM -> before.value().add(event.quantity());
            case MAX -> before.value().max(event.quantity());
            case LATEST -> later ? event.quantity() : before.value();
            case UNIQUE_COUNT -> throw new IllegalStateException("UNIQUE_COUNT meters have no rollups");
        };
        return new DayRollup(new UsageRollup(before.meter(), before.day(), value, before.events() + 1,
                later ? event.timestamp() : before.latestAt()), later ? event.eventId() : previous.latestEventId());
    }

    @Override
    public BigDecimal aggregate(CustomerId customer, Meter meter, LocalDate from, LocalDate toExclusive) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(toExclusive, "toExclusive");
        if (!toExclusive.isAfter(from)) {
            return BigDecimal.ZERO;
        }
        return tx.read(() -> {
            if (meter.aggregation() == Aggregation.UNIQUE_COUNT) {
                Set<String> distinct = new HashSet<>();
                events.values().stream()
                        .filter(d -> d.event().customer().equals(customer) && d.event().meter().equals(meter.key()))
                        .filter(d -> !d.day().isBefore(from) && d.day().isBefore(toExclusive))
                        .forEach(d -> d.event().property(meter.uniqueProperty()).ifPresent(distinct::add));
                return BigDecimal.valueOf(distinct.size());
            }
            return RollupCombiner.combine(meter, rollupsIn(customer, Optional.of(meter.key()), from, toExclusive.minusDays(1)));
        });
    }

    @Override
    public List<UsageRollup> dailyRollups(CustomerId customer, Optional<MeterKey> meter, LocalDate from, LocalDate toInclusive) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(toInclusive, "toInclusive");
        return tx.read(() -> rollupsIn(customer, meter, from, toInclusive));
    }

    private List<UsageRollup> rollupsIn(CustomerId customer, Optional<MeterKey> meter, LocalDate from, LocalDate toInclusive) {
        return rollups.entrySet().stream()
                .filter(e -> e.getKey().customer().equals(customer))
                .filter(e -> meter.map(m -> m.equals(e.getKey().meter())).orElse(true))
                .filter(e -> !e.getKey().day().isBefore(from) && !e.getKey().day().isAfter(toInclusive))
                .map(e -> e.getValue().rollup())
                .sorted(Comparator.comparing(UsageRollup::day).thenComparing(r -> r.meter().value()))
                .toList();
    }

    @Override
    public boolean contains(CustomerId customer, String eventId) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(eventId, "eventId");
        return tx.read(() -> events.containsKey(new EventKey(customer, eventId)));
    }

    @Override
    public java.util.Set<StoredEventKey> storedAmong(java.util.Collection<StoredEventKey> keys) {
        Objects.requireNonNull(keys, "keys");
        return tx.read(() -> {
            java.util.Set<StoredEventKey> stored = new java.util.HashSet<>();
            for (StoredEventKey key : keys) {
                if (events.containsKey(new EventKey(key.customer(), key.eventId()))) {
                    stored.add(key);
                }
            }
            return stored;
        });
    }

    /** {@link io.billkit.application.port.out.UsageBreakdownStore#byProperty} over the stored events (this store is also the breakdown store). */
    public java.util.List<io.billkit.application.port.out.UsageBreakdownStore.PropertyUsage> byProperty(
            CustomerId customer, MeterKey meter, String property, java.time.Instant from, java.time.Instant to) {
        return tx.read(() -> {
            java.util.TreeMap<String, BigDecimal[]> byValue = new java.util.TreeMap<>();
            events.values().stream().map(DatedUsageEvent::event)
                    .filter(e -> e.customer().equals(customer) && e.meter().equals(meter))
                    .filter(e -> !e.timestamp().isBefore(from) && e.timestamp().isBefore(to))
                    .forEach(e -> {
                        BigDecimal[] sums = byValue.computeIfAbsent(e.property(property).orElse(""),
                                v -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                        sums[0] = sums[0].add(e.quantity());
                        sums[1] = sums[1].add(BigDecimal.ONE);
                    });
            return byValue.entrySet().stream().map(en -> new io.billkit.application.port.out.UsageBreakdownStore.PropertyUsage(
                    en.getKey(), en.getValue()[0], en.getValue()[1].longValueExact())).toList();
        });
    }
}
