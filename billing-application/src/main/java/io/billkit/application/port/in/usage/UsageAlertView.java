package io.billkit.application.port.in.usage;

import io.billkit.domain.catalog.Limit;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A usage alert that fired: {@code thresholdPercent} of the allowance was reached in the window.
 */
public record UsageAlertView(CustomerId customer, MeterKey meter, int thresholdPercent, Instant windowStart, BigDecimal used, Limit limit, Instant firedAt) {
    public UsageAlertView {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(used, "used");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(firedAt, "firedAt");
    }
}
