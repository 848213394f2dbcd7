package io.billkit.domain.time;

import io.billkit.domain.BillingException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One billing period of a subscription: the local dates {@code [start, endExclusive)} in the
 * customer's {@code zone}. Its {@link #window() window} runs from the first instant of
 * {@code start} to the first instant of {@code endExclusive} in that zone, so it has the real
 * length of those days (a March period in New York is one hour short).
 *
 * @param start        first local date of the period (inclusive)
 * @param endExclusive first local date of the next period; after {@code start}
 * @param zone         the zone the dates are read in
 * @param index        0 for the period that starts on the schedule's anchor, then 1, 2, ...
 */
public record BillingPeriod(LocalDate start, LocalDate endExclusive, ZoneId zone, int index) {

    public BillingPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(endExclusive, "endExclusive");
        Objects.requireNonNull(zone, "zone");
        BillingException.require(endExclusive.isAfter(start),
                "billing period end " + endExclusive + " must be after its start " + start);
        BillingException.require(index >= 0, "billing period index must not be negative but was " + index);
    }

    /** The period as UTC instants {@code [start of start, start of endExclusive)} in the zone. */
    public TimeWindow window() {
        return TimeWindow.ofLocalDates(start, endExclusive, zone);
    }

    /** Whether {@code instant} falls in the period; the first instant of {@code endExclusive} does not. */
    public boolean contains(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return window().contains(instant);
    }

    /** The last local date of the period (the day before {@code endExclusive}). */
    public LocalDate lastDay() {
        return endExclusive.minusDays(1);
    }
}
