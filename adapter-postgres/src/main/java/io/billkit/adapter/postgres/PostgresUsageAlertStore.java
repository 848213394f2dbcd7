package io.billkit.adapter.postgres;

import io.billkit.application.port.out.UsageAlertStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.Limit;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.quota.UsageAlert;
import org.jdbi.v3.core.statement.StatementContext;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link UsageAlertStore} on {@code usage_alerts}, whose primary key (customer, meter, window_start,
 * threshold_percent) makes a threshold fire once per window: {@code INSERT ... ON CONFLICT DO NOTHING},
 * one row inserted means it fired now. {@code included} holds the alert's (finite) limit.
 */
final class PostgresUsageAlertStore implements UsageAlertStore {
    private final JdbiTransactions tx;

    PostgresUsageAlertStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    /** A {@code usage_alerts} row. */
    record AlertRow(String customerId, String meter, Instant windowStart, int thresholdPercent, BigDecimal used,
                    BigDecimal included, Instant firedAt) {
        static AlertRow of(UsageAlert alert, Instant firedAt) {
            if (!(alert.limit() instanceof Limit.Finite finite)) {
                throw BillingException.invalid("a usage alert needs a finite limit");
            }
            return new AlertRow(alert.customer().value(), alert.meter().value(), alert.windowStart(),
                    alert.thresholdPercent(), alert.used(), finite.quantity(), firedAt);
        }

        static AlertRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new AlertRow(rs.getString("customer_id"), rs.getString("meter"), SqlValues.instant(rs, "window_start"),
                    rs.getInt("threshold_percent"), rs.getBigDecimal("used"), rs.getBigDecimal("included"),
                    SqlValues.instant(rs, "fired_at"));
        }

        FiredAlert toDomain() {
            return new FiredAlert(new UsageAlert(CustomerId.of(customerId), MeterKey.of(meter), thresholdPercent,
                    windowStart, used, Limit.of(included)), firedAt);
        }
    }

    @Override
    public boolean recordIfNew(UsageAlert alert, Instant firedAt) {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(firedAt, "firedAt");
        AlertRow row = AlertRow.of(alert, firedAt);
        return tx.withHandle(RowScope.customer(alert.customer()), h -> h.createUpdate("""
                        INSERT INTO usage_alerts (customer_id, meter, window_start, threshold_percent, used, included, fired_at)
                        VALUES (:customer, :meter, :windowStart, :threshold, :used, :included, :firedAt)
                        ON CONFLICT (customer_id, meter, window_start, threshold_percent) DO NOTHING""")
                .bind("customer", row.customerId())
                .bind("meter", row.meter())
                .bind("windowStart", SqlValues.timestamp(row.windowStart()))
                .bind("threshold", row.thresholdPercent())
                .bind("used", row.used())
                .bind("included", row.included())
                .bind("firedAt", SqlValues.timestamp(row.firedAt()))
                .execute()) == 1;
    }

    @Override
    public Set<Integer> fired(CustomerId customer, MeterKey meter, Instant windowStart) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(windowStart, "windowStart");
        return tx.withHandle(RowScope.customer(customer), h -> new TreeSet<>(h.createQuery("""
                        SELECT threshold_percent FROM usage_alerts
                        WHERE customer_id = :customer AND meter = :meter AND window_start = :windowStart""")
                .bind("customer", customer.value())
                .bind("meter", meter.value())
                .bind("windowStart", SqlValues.timestamp(windowStart))
                .mapTo(Integer.class)
                .list()));
    }

    @Override
    public List<FiredAlert> recent(CustomerId customer, int limit) {
        Objects.requireNonNull(customer, "customer");
        BillingException.require(limit >= 1, "limit must be at least 1 but was " + limit);
        return tx.withHandle(RowScope.customer(customer), h -> h.createQuery("""
                        SELECT customer_id, meter, window_start, threshold_percent, used, included, fired_at
                        FROM usage_alerts WHERE customer_id = :customer
                        ORDER BY fired_at DESC, threshold_percent DESC LIMIT :limit""")
                .bind("customer", customer.value())
                .bind("limit", limit)
                .map(AlertRow::map)
                .list()).stream().map(AlertRow::toDomain).toList();
    }
}
