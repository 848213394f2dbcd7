package io.billkit.adapter.postgres;

import io.billkit.adapter.postgres.UsageBatch.EventKey;
import io.billkit.application.port.out.UsageEventClaims;
import io.billkit.application.port.out.UsageEventStore.DatedUsageEvent;
import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.usage.UsageEvent;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link UsageEventClaims} on {@code usage_event_claims}: one {@code INSERT ... SELECT FROM unnest(..) ON CONFLICT
 * (customer_id, event_id) DO NOTHING RETURNING} per batch, rows in key order so concurrent batches lock in the
 * same order; a concurrent claim of the same key waits for the other transaction and then skips (it committed)
 * or claims (it rolled back), so each id is claimed once, also across replicas. Each row keeps the event (and
 * its catalog meter) until {@link #markShipped}. {@link #unshipped} leaves out the caller's own transaction's
 * rows ({@code claimed_tx}). Row-level security as in {@link PostgresUsageEventStore}.
 */
final class PostgresUsageEventClaims implements UsageEventClaims {
    private final JdbiTransactions tx;

    PostgresUsageEventClaims(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public List<DatedUsageEvent> claimNew(List<DatedUsageEvent> events) {
        Map<EventKey, DatedUsageEvent> first = UsageBatch.firstOccurrences(events);
        if (first.isEmpty()) {
            return List.of();
        }
        Set<EventKey> claimed = tx.withHandle(UsageBatch.scopeOfKeys(first.keySet()), h -> insert(h, new TreeMap<>(first).values()));
        return first.entrySet().stream().filter(e -> claimed.contains(e.getKey())).map(Map.Entry::getValue).toList();
    }

    private static Set<EventKey> insert(Handle h, Collection<DatedUsageEvent> inKeyOrder) {
        int n = inKeyOrder.size();
        List<String> customers = new ArrayList<>(n);
        List<String> ids = new ArrayList<>(n);
        List<String> meters = new ArrayList<>(n);
        List<String> names = new ArrayList<>(n);
        List<String> units = new ArrayList<>(n);
        List<String> aggregations = new ArrayList<>(n);
        List<String> uniqueProperties = new ArrayList<>(n);
        List<String> quantities = new ArrayList<>(n);
        List<String> timestamps = new ArrayList<>(n);
        List<String> days = new ArrayList<>(n);
        List<String> properties = new ArrayList<>(n);
        for (DatedUsageEvent dated : inKeyOrder) {
            UsageEvent e = dated.event();
            Meter meter = dated.aggregationMeter();
            customers.add(e.customer().value());
            ids.add(e.eventId());
            meters.add(e.meter().value());
            names.add(meter.name());
            units.add(meter.unit());
            aggregations.add(meter.aggregation().name());
            uniqueProperties.add(meter.uniqueProperty());
            quantities.add(e.quantity().toPlainString());
            timestamps.add(e.timestamp().toString());
            days.add(dated.day().toString());
            properties.add(e.properties().isEmpty() ? "{}" : SqlValues.json(e.properties()));
        }
        return new HashSet<>(h.createQuery("""
                        INSERT INTO usage_event_claims (customer_id, event_id, meter, meter_name, meter_unit, aggregation,
                            unique_property, quantity, occurred_at, day, properties)
                        SELECT * FROM unnest(CAST(:customers AS text[]), CAST(:ids AS text[]), CAST(:meters AS text[]),
                            CAST(:names AS text[]), CAST(:units AS text[]), CAST(:aggregations AS text[]),
                            CAST(:uniqueProperties AS text[]), CAST(:quantities AS numeric[]),
                            CAST(:timestamps AS timestamptz[]), CAST(:days AS date[]), CAST(:properties AS jsonb[]))
                        ON CONFLICT (customer_id, event_id) DO NOTHING
                        RETURNING customer_id, event_id""")
                .bindArray("customers", String.class, customers)
                .bindArray("ids", String.class, ids)
                .bindArray("meters", String.class, meters)
                .bindArray("names", String.class, names)
                .bindArray("units", String.class, units)
                .bindArray("aggregations", String.class, aggregations)
                .bindArray("uniqueProperties", String.class, uniqueProperties)
                .bindArray("quantities", String.class, quantities)
                .bindArray("timestamps", String.class, timestamps)
                .bindArray("days", String.class, days)
                .bindArray("properties", String.class, properties)
                .map(EventKey::map)
                .list());
    }

    @Override
    public boolean contains(CustomerId customer, String eventId) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(eventId, "eventId");
        return tx.withHandle(RowScope.customer(customer), h -> h.createQuery(
                        "SELECT EXISTS (SELECT 1 FROM usage_event_claims WHERE customer_id = :customer AND event_id = :id)")
                .bind("customer", customer.value())
                .bind("id", eventId)
                .mapTo(Boolean.class)
                .one());
    }

    @Override
    public List<DatedUsageEvent> unshipped(Optional<CustomerId> customer, int limit) {
        Objects.requireNonNull(customer, "customer");
        BillingException.require(limit > 0, "limit must be positive");
        RowScope scope = customer.map(RowScope::customer).orElse(RowScope.system());
        return tx.withHandle(scope, h -> h.createQuery("""
                        SELECT customer_id, event_id, meter, meter_name, meter_unit, aggregation, unique_property, quantity,
                               occurred_at, day, properties
                        FROM usage_event_claims
                        WHERE shipped_at IS NULL
                          AND (CAST(:customer AS text) IS NULL OR customer_id = :customer)
                          AND claimed_tx IS DISTINCT FROM pg_current_xact_id_if_assigned()
                        ORDER BY claimed_at, customer_id, event_id
                        LIMIT :limit""")
                .bind("customer", customer.map(CustomerId::value).orElse(null))
                .bind("limit", limit)
                .map(PostgresUsageEventClaims::map)
                .list());
    }

    private static DatedUsageEvent map(ResultSet rs, StatementContext ctx) throws SQLException {
        Meter meter = new Meter(MeterKey.of(rs.getString("meter")), rs.getString("meter_name"), rs.getString("meter_unit"),
                Aggregation.valueOf(rs.getString("aggregation")), rs.getString("unique_property"));
        UsageEvent event = new UsageEvent(rs.getString("event_id"), CustomerId.of(rs.getString("customer_id")), meter.key(),
                rs.getBigDecimal("quantity").stripTrailingZeros(), SqlValues.instant(rs, "occurred_at"),
                SqlValues.stringMap(rs, "properties"));
        return new DatedUsageEvent(event, SqlValues.localDate(rs, "day"), meter);
    }

    @Override
    public void markShipped(List<DatedUsageEvent> events) {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            return;
        }
        TreeMap<EventKey, DatedUsageEvent> inKeyOrder = new TreeMap<>();
        events.forEach(d -> inKeyOrder.put(EventKey.of(d.event()), d));
        List<String> customers = inKeyOrder.keySet().stream().map(EventKey::customerId).toList();
        List<String> ids = inKeyOrder.keySet().stream().map(EventKey::eventId).toList();
        tx.useHandle(UsageBatch.scopeOf(customers), h -> h.createUpdate("""
                        UPDATE usage_event_claims c SET shipped_at = now()
                        FROM unnest(CAST(:customers AS text[]), CAST(:ids AS text[])) AS k(customer_id, event_id)
                        WHERE c.customer_id = k.customer_id AND c.event_id = k.event_id AND c.shipped_at IS NULL""")
                .bindArray("customers", String.class, customers)
                .bindArray("ids", String.class, ids)
                .execute());
    }
}
