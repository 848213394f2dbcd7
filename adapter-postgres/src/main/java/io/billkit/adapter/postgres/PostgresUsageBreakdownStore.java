package io.billkit.adapter.postgres;

import io.billkit.application.port.out.UsageBreakdownStore;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@link UsageBreakdownStore} on {@code usage_events}: one {@code GROUP BY properties ->> :property} over the
 * customer's events of the meter in the instant range (index on customer, meter, occurred_at).
 */
final class PostgresUsageBreakdownStore implements UsageBreakdownStore {
    private final JdbiTransactions tx;

    PostgresUsageBreakdownStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
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
                            FROM usage_events
                            WHERE customer_id = :customer AND meter = :meter
                              AND occurred_at >= :from AND occurred_at < :to
                            GROUP BY 1) grouped
                        ORDER BY value COLLATE "C\"""")
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
