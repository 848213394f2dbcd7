package io.billkit.application.port.out;

import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.usage.UsageEvent;
import io.billkit.domain.usage.UsageRollup;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Usage events, deduplicated by (customer, event id) with a durable unique constraint written together
 * with the event, and per-day rollups kept in the same transaction so that reads of a period sum days,
 * not events. Days are the customer's local calendar days, computed by the caller.
 */
public interface UsageEventStore {
    /**
     * Stores the events that are not stored yet and updates the daily rollups of those, in the caller's
     * transaction (or its own). A repeated (customer, event id), within the batch or from before, is
     * skipped. A failed call stores nothing, so a retry finds the ids free.
     *
     * @return the events stored by this call, in input order
     */
    List<DatedUsageEvent> appendNew(List<DatedUsageEvent> events);

    /**
     * The aggregate of {@code meter} for the customer over the local days {@code [from, toExclusive)}:
     * rollups combined for COUNT, SUM, MAX and LATEST; distinct values of the meter's unique property
     * over the events for UNIQUE_COUNT. Zero when nothing was recorded.
     */
    BigDecimal aggregate(CustomerId customer, Meter meter, LocalDate from, LocalDate toExclusive);

    /** Daily rollups in {@code [from, toInclusive]}, oldest day first, for one meter or all (non-UNIQUE_COUNT). */
    List<UsageRollup> dailyRollups(CustomerId customer, Optional<MeterKey> meter, LocalDate from, LocalDate toInclusive);

    /** Whether the customer's event with this id is stored. */
    boolean contains(CustomerId customer, String eventId);

    /**
     * Which of these (customer, event id) pairs are stored: the batch form of {@link #contains}, so a store
     * can answer a whole batch in one query. The default asks {@link #contains} per distinct pair.
     *
     * @return the stored subset of {@code keys}
     */
    default Set<StoredEventKey> storedAmong(Collection<StoredEventKey> keys) {
        Objects.requireNonNull(keys, "keys");
        Set<StoredEventKey> stored = new HashSet<>();
        for (StoredEventKey key : new HashSet<>(keys)) {
            if (contains(key.customer(), key.eventId())) {
                stored.add(key);
            }
        }
        return stored;
    }

    /** The identity of a stored usage event: the customer and its client-chosen event id. */
    record StoredEventKey(CustomerId customer, String eventId) {
        public StoredEventKey {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(eventId, "eventId");
        }
    }

    /**
     * An event and the customer's local day it falls on.
     *
     * @param aggregationMeter the catalog meter, so the rollup is updated with its aggregation
     */
    record DatedUsageEvent(UsageEvent event, LocalDate day, Meter aggregationMeter) {
        public DatedUsageEvent {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(aggregationMeter, "aggregationMeter");
        }
    }
}
