package io.billkit.adapter.postgres;

import io.billkit.application.port.out.UsageBreakdownStore;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@link UsageBreakdownStore} on PostgreSQL: one {@code GROUP BY properties ->> :property} over the customer's events
 * of the meter in the instant range, read from
 * <ul>
 *   <li>{@code usage_events} when PostgreSQL is the usage store ({@link #overEvents}; index on customer, meter,
 *       occurred_at), or</li>
 *   <li>{@code usage_event_claims} when the events live in ClickHouse ({@link #overClaims}): every accepted event
 *       is claimed there once, with its properties, in the transaction that accepted it, and claims are kept (they
 *       are the dedupe truth), so the breakdown is exact and sees an event as soon as it is acknowledged, shipped to
 *       ClickHouse or not. The cost: the claims have no (customer, meter, time) index, so a read scans the
 *       customer's claims (primary key prefix).</li>
 * </ul>
 */
final class PostgresUsageBreakdownStore implements UsageBreakdownStore {
    private final JdbiTransactions tx;
    private final String table;

    private PostgresUsageBreakdownStore(JdbiTransactions tx, String table) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.table = table;
    }

    static PostgresUsageBreakdownStore overEvents(JdbiTransactions tx) {
        return new PostgresUsageBreakdownStore(tx, "usage_events");
    }

    static PostgresUsageBreakdownStore overClaims(JdbiTransactions tx) {
        return new PostgresUsageBreakdownStore(tx, "usage_event_claims");
    }

    @Override
    public List<PropertyUsage> byProperty(CustomerId customer, MeterKey meter, String property, Instant from,
                                          Instant to) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(property, "property");
        return tx.withHandle(RowScope.customer(customer), h -> h.createQuery("""
                        SELECT value, quantity, events FROM (
                            SELECT coalesce(properties ->> :property, '') AS value, sum(quantity) AS quantity,
                                   count(*) AS events
                            FROM %s
                            WHERE customer_id = :customer AND meter = :meter
                              AND occurred_at >= :from AND occurred_at < :to
                            GROUP BY 1) grouped
                        ORDER BY value COLLATE "C\"""".formatted(table))
                .bind("property", property)
                .bind("customer", customer.value())
                .bind("meter", meter.value())
                .bind("from", SqlValues.timestamp(from))
                .bind("to", SqlValues.timestamp(to))
                .map((rs, ctx) -> new PropertyUsage(rs.getString("value"), rs.getBigDecimal("quantity").stripTrailingZeros(),
                        rs.getLong("events")))
                .list());
    }
}
