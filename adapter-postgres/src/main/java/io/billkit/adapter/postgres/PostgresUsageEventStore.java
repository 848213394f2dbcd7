package io.billkit.adapter.postgres;

import io.billkit.adapter.postgres.UsageBatch.EventKey;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.usage.UsageEvent;
import io.billkit.domain.usage.UsageRollup;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link UsageEventStore} on {@code usage_events} and {@code usage_daily_rollups}.
 *
 * <p>{@link #appendNew} is one statement: the batch (deduplicated in memory, first occurrence wins) goes in
 * as an {@code INSERT ... SELECT FROM unnest(..) ON CONFLICT (customer_id, event_id) DO NOTHING RETURNING}, and
 * the events it really inserted are folded in the same statement (a data-modifying {@code WITH}) into one
 * rollup row per (customer, meter, day), upserted with the meter's aggregation
 * (COUNT/SUM add, MAX keeps the greater, LATEST keeps the value of the greater (latest_at,
 * latest_event_id)). Rows are written in key order so concurrent batches lock in the same order. A
 * concurrent insert of the same key waits for the other transaction and then skips (it committed) or
 * inserts (it rolled back), so each event is counted once. UNIQUE_COUNT meters get no rollups: their
 * aggregate counts distinct property values over the events of the days.
 *
 * <p>Row-level security: a batch of one customer runs in that customer's scope, a batch of several in
 * the system scope.
 */
final class PostgresUsageEventStore implements UsageEventStore {
    private final JdbiTransactions tx;

    PostgresUsageEventStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    /** A {@code usage_daily_rollups} row. */
    record RollupRow(String meter, LocalDate day, Aggregation aggregation, BigDecimal value, long events,
                     Instant latestAt, String latestEventId) {
        static RollupRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new RollupRow(rs.getString("meter"), SqlValues.localDate(rs, "day"),
                    Aggregation.valueOf(rs.getString("aggregation")), rs.getBigDecimal("value"), rs.getLong("events"),
                    SqlValues.instant(rs, "latest_at"), rs.getString("latest_event_id"));
        }

        UsageRollup toDomain() {
            return new UsageRollup(MeterKey.of(meter), day, value, events, latestAt);
        }
    }

    @Override
    public List<DatedUsageEvent> appendNew(List<DatedUsageEvent> events) {
        Map<EventKey, DatedUsageEvent> firstOccurrences = UsageBatch.firstOccurrences(events);
        if (firstOccurrences.isEmpty()) {
            return List.of();
        }
        RowScope scope = UsageBatch.scopeOfKeys(firstOccurrences.keySet());
        Set<EventKey> inserted = tx.withHandle(scope, h -> insertEventsAndRollups(h,
                new TreeMap<>(firstOccurrences).values()));
        return firstOccurrences.entrySet().stream()
                .filter(entry -> inserted.contains(entry.getKey()))
                .map(Map.Entry::getValue)
                .toList();
    }

    /**
     * One statement: the events go in with {@code ON CONFLICT DO NOTHING}, and the rows really inserted are folded
     * in SQL into one rollup row per (customer, meter, day), upserted in key order with the meter's aggregation
     * (COUNT/SUM add, MAX keeps the greater, LATEST the value of the greatest (occurred_at, event_id)); returns the keys inserted.
     */
    private static Set<EventKey> insertEventsAndRollups(Handle h, java.util.Collection<DatedUsageEvent> inKeyOrder) {
        int n = inKeyOrder.size();
        List<String> customers = new ArrayList<>(n);
        List<String> ids = new ArrayList<>(n);
        List<String> meters = new ArrayList<>(n);
        List<String> quantities = new ArrayList<>(n);
        List<String> timestamps = new ArrayList<>(n);
        List<String> days = new ArrayList<>(n);
        List<String> properties = new ArrayList<>(n);
        Map<String, Aggregation> aggregations = new TreeMap<>();
        for (DatedUsageEvent dated : inKeyOrder) {
            UsageEvent e = dated.event();
            customers.add(e.customer().value());
            ids.add(e.eventId());
            meters.add(e.meter().value());
            quantities.add(e.quantity().toPlainString());
            timestamps.add(e.timestamp().toString());
            days.add(dated.day().toString());
            properties.add(e.properties().isEmpty() ? "{}" : SqlValues.json(e.properties()));
            Aggregation aggregation = dated.aggregationMeter().aggregation();
            Aggregation before = aggregations.putIfAbsent(e.meter().value(), aggregation);
            if (before != null && before != aggregation) {
                throw new IllegalArgumentException("meter " + e.meter() + " comes with two aggregations in one batch: "
                        + before + " and " + aggregation);
            }
        }
        return new HashSet<>(h.createQuery("""
                        WITH inserted AS (
                            INSERT INTO usage_events (customer_id, event_id, meter, quantity, occurred_at, day, properties)
                            SELECT * FROM unnest(CAST(:customers AS text[]), CAST(:ids AS text[]), CAST(:meters AS text[]),
                                CAST(:quantities AS numeric[]), CAST(:timestamps AS timestamptz[]), CAST(:days AS date[]),
                                CAST(:properties AS jsonb[]))
                            ON CONFLICT (customer_id, event_id) DO NOTHING
                            RETURNING customer_id, event_id, meter, quantity, occurred_at, day
                        ), folded AS (
                            SELECT i.customer_id, i.meter, i.day, m.aggregation,
                                CASE m.aggregation
                                    WHEN 'COUNT' THEN CAST(count(*) AS numeric)
                                    WHEN 'SUM' THEN sum(i.quantity)
                                    WHEN 'MAX' THEN max(i.quantity)
                                    ELSE (array_agg(i.quantity ORDER BY i.occurred_at DESC, i.event_id DESC))[1] END AS value,
                                count(*) AS events,
                                max(i.occurred_at) AS latest_at,
                                (array_agg(i.event_id ORDER BY i.occurred_at DESC, i.event_id DESC))[1] AS latest_event_id
                            FROM inserted i
                            JOIN unnest(CAST(:aggregationMeters AS text[]), CAST(:aggregationKinds AS text[]))
                                AS m(meter, aggregation) ON m.meter = i.meter
                            WHERE m.aggregation <> 'UNIQUE_COUNT'
                            GROUP BY i.customer_id, i.meter, i.day, m.aggregation
                        ), rolled AS (
                            INSERT INTO usage_daily_rollups AS r (customer_id, meter, day, aggregation, value, events,
                                latest_at, latest_event_id)
                            SELECT customer_id, meter, day, aggregation, value, events, latest_at, latest_event_id
                            FROM folded ORDER BY customer_id, meter, day
                            ON CONFLICT (customer_id, meter, day) DO UPDATE SET
                                value = CASE EXCLUDED.aggregation
                                    WHEN 'MAX' THEN greatest(r.value, EXCLUDED.value)
                                    WHEN 'LATEST' THEN CASE
                                        WHEN (EXCLUDED.latest_at, EXCLUDED.latest_event_id) > (r.latest_at, r.latest_event_id)
                                        THEN EXCLUDED.value ELSE r.value END
                                    ELSE r.value + EXCLUDED.value END,
                                aggregation = EXCLUDED.aggregation,
                                events = r.events + EXCLUDED.events,
                                latest_event_id = CASE
                                    WHEN (EXCLUDED.latest_at, EXCLUDED.latest_event_id) > (r.latest_at, r.latest_event_id)
                                    THEN EXCLUDED.latest_event_id ELSE r.latest_event_id END,
                                latest_at = greatest(r.latest_at, EXCLUDED.latest_at)
                        )
                        SELECT customer_id, event_id FROM inserted""")
                .bindArray("customers", String.class, customers)
                .bindArray("ids", String.class, ids)
                .bindArray("meters", String.class, meters)
                .bindArray("quantities", String.class, quantities)
                .bindArray("timestamps", String.class, timestamps)
                .bindArray("days", String.class, days)
                .bindArray("properties", String.class, properties)
                .bindArray("aggregationMeters", String.class, List.copyOf(aggregations.keySet()))
                .bindArray("aggregationKinds", String.class, aggregations.values().stream().map(Enum::name).toList())
                .map(EventKey::map)
                .list());
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
        String sql = switch (meter.aggregation()) {
            case COUNT, SUM -> "SELECT coalesce(sum(value), 0) FROM usage_daily_rollups"
                    + " WHERE customer_id = :customer AND meter = :meter AND day >= :from AND day < :to";
            case MAX -> "SELECT coalesce(max(value), 0) FROM usage_daily_rollups"
                    + " WHERE customer_id = :customer AND meter = :meter AND day >= :from AND day < :to";
            case LATEST -> "SELECT coalesce((SELECT value FROM usage_daily_rollups"
                    + " WHERE customer_id = :customer AND meter = :meter AND day >= :from AND day < :to"
                    + " ORDER BY latest_at DESC, latest_event_id DESC, day DESC LIMIT 1), 0)";
            case UNIQUE_COUNT -> "SELECT count(DISTINCT properties ->> :property) FROM usage_events"
                    + " WHERE customer_id = :customer AND meter = :meter AND day >= :from AND day < :to";
        };
        return tx.withHandle(RowScope.customer(customer), h -> h.createQuery(sql)
                .bind("customer", customer.value())
                .bind("meter", meter.key().value())
                .bind("from", from)
                .bind("to", toExclusive)
                .bind("property", meter.uniqueProperty())
                .mapTo(BigDecimal.class)
                .one());
    }

    @Override
    public List<UsageRollup> dailyRollups(CustomerId customer, Optional<MeterKey> meter, LocalDate from,
                                          LocalDate toInclusive) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(toInclusive, "toInclusive");
        return tx.withHandle(RowScope.customer(customer), h -> h.createQuery("""
                        SELECT meter, day, aggregation, value, events, latest_at, latest_event_id
                        FROM usage_daily_rollups
                        WHERE customer_id = :customer AND day BETWEEN :from AND :to
                          AND (CAST(:meter AS text) IS NULL OR meter = :meter)
                        ORDER BY day, meter""")
                .bind("customer", customer.value())
                .bind("meter", meter.map(MeterKey::value).orElse(null))
                .bind("from", from)
                .bind("to", toInclusive)
                .map(RollupRow::map)
                .list()).stream().map(RollupRow::toDomain).toList();
    }

    @Override
    public boolean contains(CustomerId customer, String eventId) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(eventId, "eventId");
        return tx.withHandle(RowScope.customer(customer), h -> h.createQuery(
                        "SELECT EXISTS (SELECT 1 FROM usage_events WHERE customer_id = :customer AND event_id = :id)")
                .bind("customer", customer.value())
                .bind("id", eventId)
                .mapTo(Boolean.class)
                .one());
    }

    /**
     * One query for the whole batch: the pairs go in as two arrays joined to {@code usage_events} on its
     * primary key; one customer's batch runs in that customer's row scope, several in the system scope.
     */
    @Override
    public Set<StoredEventKey> storedAmong(java.util.Collection<StoredEventKey> keys) {
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            return Set.of();
        }
        List<String> customers = new ArrayList<>(keys.size());
        List<String> ids = new ArrayList<>(keys.size());
        for (StoredEventKey key : keys) {
            customers.add(key.customer().value());
            ids.add(key.eventId());
        }
        RowScope scope = UsageBatch.scopeOf(customers);
        return new HashSet<>(tx.withHandle(scope, h -> h.createQuery("""
                        SELECT e.customer_id, e.event_id
                        FROM unnest(CAST(:customers AS text[]), CAST(:ids AS text[])) AS k(customer_id, event_id)
                        JOIN usage_events e ON e.customer_id = k.customer_id AND e.event_id = k.event_id""")
                .bindArray("customers", String.class, customers)
                .bindArray("ids", String.class, ids)
                .map((rs, ctx) -> new StoredEventKey(CustomerId.of(rs.getString("customer_id")), rs.getString("event_id")))
                .list()));
    }
}
