package io.billkit.domain.usage;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.MeterKey;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A partial aggregate of one meter's events on one calendar {@code day} (in the customer's time zone),
 * so stores can answer "current usage" by reading days instead of events.
 *
 * <ul>
 *   <li>{@code value}: the meter's aggregation over that day's events (count, sum, max or latest quantity);
 *       never negative.</li>
 *   <li>{@code events}: how many events it summarises, at least 1 (a day without events has no rollup).</li>
 *   <li>{@code latestAt}: the timestamp of the day's latest event; LATEST meters combine by it.</li>
 * </ul>
 * UNIQUE_COUNT meters have no rollups: see {@link RollupCombiner}.
 */
public record UsageRollup(MeterKey meter, LocalDate day, BigDecimal value, long events, Instant latestAt) {
    public UsageRollup {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(latestAt, "latestAt");
        BillingException.require(value.signum() >= 0,
                "rollup " + meter + " " + day + ": value must not be negative but was " + value.toPlainString());
        BillingException.require(events >= 1,
                "rollup " + meter + " " + day + ": events must be at least 1 but was " + events);
    }
}
