package io.billkit.domain.quota;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.Limit;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A usage alert that fired: {@code customer}'s usage of {@code meter} reached {@code thresholdPercent} % of
 * {@code limit} (always finite) in the window starting at {@code windowStart}; {@code used} is the usage that
 * crossed it. (customer, meter, windowStart, thresholdPercent) identifies it: each fires once per window.
 */
public record UsageAlert(CustomerId customer, MeterKey meter, int thresholdPercent, Instant windowStart,
                         BigDecimal used, Limit limit) {
    public UsageAlert {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(used, "used");
        Objects.requireNonNull(limit, "limit");
        BillingException.require(thresholdPercent > 0 && thresholdPercent <= UsageAlertThresholds.MAX_PERCENT,
                "thresholdPercent must be in (0, " + UsageAlertThresholds.MAX_PERCENT + "] but was " + thresholdPercent);
        BillingException.require(!limit.isUnlimited(), "a usage alert needs a finite limit");
    }
}
