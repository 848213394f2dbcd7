package io.billkit.domain.forecast;

import io.billkit.domain.BillingException;
import io.billkit.domain.time.TimeWindow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Linear projection of a window's usage to its end: {@code used / elapsed * length}, with durations in exact
 * seconds (nanosecond precision). The division runs at {@value #WORKING_SCALE} decimals; the result is rounded
 * HALF_UP to {@value #RESULT_SCALE} decimals and trailing zeros are stripped (3000, 428.571429). At or before
 * the window start (nothing elapsed) the projection is {@code used}; at or after the end it is {@code used}.
 */
public final class LinearForecast {
    public static final int WORKING_SCALE = 12;
    public static final int RESULT_SCALE = 6;

    private LinearForecast() {
    }

    /** The usage projected at {@code window.end()} from {@code usedSoFar} (>= 0) at instant {@code at}. */
    public static BigDecimal project(BigDecimal usedSoFar, TimeWindow window, Instant at) {
        Objects.requireNonNull(usedSoFar, "usedSoFar");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(at, "at");
        BillingException.require(usedSoFar.signum() >= 0,
                "usedSoFar must not be negative but was " + usedSoFar.toPlainString());
        Duration elapsed = window.elapsedAt(at);
        if (elapsed.isZero() || !at.isBefore(window.end())) {
            return normalize(usedSoFar);
        }
        BigDecimal projected = usedSoFar.multiply(seconds(window.length()))
                .divide(seconds(elapsed), WORKING_SCALE, RoundingMode.HALF_UP);
        return normalize(projected.setScale(RESULT_SCALE, RoundingMode.HALF_UP));
    }

    private static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
    }

    private static BigDecimal normalize(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
