package io.billkit.application.port.in.quota;

import io.billkit.domain.catalog.Limit;
import io.billkit.domain.catalog.LimitMode;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.Window;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A quota decision and the state of the allowance's current window.
 *
 * @param admission  allowed or denied
 * @param used       units used in the window after the call (unchanged when denied or only checked)
 * @param limit      the window's included quantity ({@link Limit#unlimited()} for none)
 * @param remaining  units left in the window, empty when unlimited
 * @param overBy     how far the request would exceed the limit (zero when within)
 */
public record QuotaView(MeterKey meter, Admission admission, LimitMode mode, BigDecimal requested, BigDecimal used, Limit limit, Optional<BigDecimal> remaining, BigDecimal overBy, Window window, Instant windowStart, Instant windowEnd) {
    public QuotaView {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(admission, "admission");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(used, "used");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(remaining, "remaining");
        Objects.requireNonNull(overBy, "overBy");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
    }
}
