package io.billkit.domain.time;

import io.billkit.domain.BillingException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/** A half-open span of time {@code [start, end)} in UTC instants; end is after start. */
public record TimeWindow(Instant start, Instant end) {
    public TimeWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        BillingException.require(end.isAfter(start), "window end " + end + " must be after start " + start);
    }

    /**
     * The instants of the local dates {@code [startInclusive, endExclusive)} in {@code zone}: from the
     * first instant of {@code startInclusive} to the first instant of {@code endExclusive}. Days are
     * taken from the zone's rules ({@code atStartOfDay(zone)}), so a day is 23, 24 or 25 hours long
     * across DST changes; 24 hours are never added.
     */
    public static TimeWindow ofLocalDates(LocalDate startInclusive, LocalDate endExclusive, ZoneId zone) {
        Objects.requireNonNull(startInclusive, "startInclusive");
        Objects.requireNonNull(endExclusive, "endExclusive");
        Objects.requireNonNull(zone, "zone");
        BillingException.require(endExclusive.isAfter(startInclusive),
                "end date " + endExclusive + " must be after start date " + startInclusive);
        return new TimeWindow(startInclusive.atStartOfDay(zone).toInstant(), endExclusive.atStartOfDay(zone).toInstant());
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    /** Share of the window elapsed at {@code instant}, clamped to [0, 1] as a duration pair. */
    public Duration elapsedAt(Instant instant) {
        if (instant.isBefore(start)) {
            return Duration.ZERO;
        }
        if (!instant.isBefore(end)) {
            return length();
        }
        return Duration.between(start, instant);
    }
}
