package io.billkit.application.port.out;

import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Atomic usage counters for HARD allowances, one per customer, meter and window (keyed by the
 * window's start instant). Admission is decided by the store in one atomic step, so concurrent
 * callers can never be admitted past the limit.
 */
public interface QuotaCounters {

    /**
     * Adds {@code amount} to the counter if the result stays within {@code limit}; otherwise leaves
     * it unchanged.
     *
     * @return whether the amount was admitted and the counter's value afterwards
     */
    Consumption tryConsume(CustomerId customer, MeterKey meter, Instant windowStart, BigDecimal amount, BigDecimal limit);

    /** The counter's current value (zero when it does not exist). */
    BigDecimal used(CustomerId customer, MeterKey meter, Instant windowStart);

    /**
     * @param admitted whether the amount was added
     * @param used     the counter after the call (unchanged when not admitted)
     */
    record Consumption(boolean admitted, BigDecimal used) {
        public Consumption {
            Objects.requireNonNull(used, "used");
        }
    }
}
