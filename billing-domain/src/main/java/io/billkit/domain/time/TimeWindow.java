package io.billkit.domain.time;

import io.billkit.domain.BillingException;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open span of time {@code [start, end)} in UTC instants; end is after start. */
public record TimeWindow(Instant start, Instant end) {
    public TimeWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        BillingException.require(end.isAfter(start), "window end " + end + " must be after start " + start);
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
