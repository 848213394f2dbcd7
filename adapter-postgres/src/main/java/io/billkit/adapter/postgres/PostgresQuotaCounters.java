package io.billkit.adapter.postgres;

import io.billkit.application.port.out.QuotaCounters;
import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link QuotaCounters} on {@code quota_counters}. Admission is one atomic upsert: the insert only
 * happens when the amount alone fits the limit, and the conflict update only when the sum does; the row
 * lock taken by {@code ON CONFLICT DO UPDATE} serialises concurrent callers, so the counter never passes
 * the limit. No row returned means refused.
 */
final class PostgresQuotaCounters implements QuotaCounters {
    private final JdbiTransactions tx;

    PostgresQuotaCounters(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public Consumption tryConsume(CustomerId customer, MeterKey meter, Instant windowStart, BigDecimal amount,
                                  BigDecimal limit) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(limit, "limit");
        BillingException.require(amount.signum() >= 0, "amount must not be negative but was " + amount.toPlainString());
        return tx.withHandle(RowScope.customer(customer), h -> {
            Optional<BigDecimal> admitted = h.createQuery("""
                            INSERT INTO quota_counters AS q (customer_id, meter, window_start, used)
                            SELECT :customer, :meter, :windowStart, CAST(:amount AS numeric)
                            WHERE CAST(:amount AS numeric) <= CAST(:limit AS numeric)
                            ON CONFLICT (customer_id, meter, window_start)
                            DO UPDATE SET used = q.used + EXCLUDED.used
                            WHERE q.used + EXCLUDED.used <= CAST(:limit AS numeric)
                            RETURNING used""")
                    .bind("customer", customer.value())
                    .bind("meter", meter.value())
                    .bind("windowStart", SqlValues.timestamp(windowStart))
                    .bind("amount", amount)
                    .bind("limit", limit)
                    .mapTo(BigDecimal.class)
                    .findOne();
            return admitted.map(used -> new Consumption(true, used))
                    .orElseGet(() -> new Consumption(false, used(h, customer, meter, windowStart)));
        });
    }

    @Override
    public BigDecimal used(CustomerId customer, MeterKey meter, Instant windowStart) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(windowStart, "windowStart");
        return tx.withHandle(RowScope.customer(customer), h -> used(h, customer, meter, windowStart));
    }

    private static BigDecimal used(org.jdbi.v3.core.Handle h, CustomerId customer, MeterKey meter, Instant windowStart) {
        return h.createQuery("""
                        SELECT used FROM quota_counters
                        WHERE customer_id = :customer AND meter = :meter AND window_start = :windowStart""")
                .bind("customer", customer.value())
                .bind("meter", meter.value())
                .bind("windowStart", SqlValues.timestamp(windowStart))
                .mapTo(BigDecimal.class)
                .findOne()
                .orElse(BigDecimal.ZERO);
    }
}
