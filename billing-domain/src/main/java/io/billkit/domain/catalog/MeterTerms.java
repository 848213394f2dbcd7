package io.billkit.domain.catalog;

import java.math.BigDecimal;
import java.util.Objects;

/** A plan's terms for one meter: its allowance and the price of units past it. */
public record MeterTerms(MeterKey meter, Allowance allowance, Price overagePrice) {
    public MeterTerms {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(allowance, "allowance");
        Objects.requireNonNull(overagePrice, "overagePrice");
    }

    /** Units billed for {@code used}: the units past the allowance (zero under HARD mode or unlimited). */
    public BigDecimal billableUnits(BigDecimal used) {
        return allowance.mode() == LimitMode.HARD ? BigDecimal.ZERO : allowance.overage(used);
    }
}
