package io.billkit.application.port.in.usage;

import io.billkit.domain.catalog.Limit;
import io.billkit.domain.catalog.LimitMode;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.Window;
import io.billkit.domain.money.Money;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One meter of the current period: how much was used, what the plan includes, and what it costs.
 *
 * @param included        the allowance per window ({@link Limit#unlimited()} for none)
 * @param remaining       units left in the current window, empty when unlimited
 * @param percentUsed     used / included x 100 (1 decimal), empty when unlimited
 * @param overageUnits    billable units past the allowance (zero under HARD limits)
 * @param overageCost     their price, rounded once
 * @param projectedUsage  linear projection of usage to the end of the window
 * @param projectedCost   overage cost of the projected usage
 */
public record MeterUsageView(MeterKey meter, String name, String unit, Window window, LimitMode mode, BigDecimal used, Limit included, Optional<BigDecimal> remaining, Optional<BigDecimal> percentUsed, BigDecimal overageUnits, Money overageCost, BigDecimal projectedUsage, Money projectedCost) {
    public MeterUsageView {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(used, "used");
        Objects.requireNonNull(included, "included");
        Objects.requireNonNull(remaining, "remaining");
        Objects.requireNonNull(percentUsed, "percentUsed");
        Objects.requireNonNull(overageUnits, "overageUnits");
        Objects.requireNonNull(overageCost, "overageCost");
        Objects.requireNonNull(projectedUsage, "projectedUsage");
        Objects.requireNonNull(projectedCost, "projectedCost");
    }
}
