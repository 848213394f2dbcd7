package io.billkit.domain.forecast;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.MeterTerms;
import io.billkit.domain.money.Money;
import io.billkit.domain.time.TimeWindow;
import io.billkit.domain.usage.MeterUsage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A meter's usage projected to the end of its window, priced with the plan's terms:
 * {@code usedSoFar} at {@code at}, the {@link LinearForecast} {@code projectedUsage}, the units it would take
 * past the allowance ({@code projectedOverageUnits}; under HARD mode these would be refused), and the overage
 * charge now ({@code currentOverageCost}) and at the window's end ({@code projectedOverageCost}), both rounded
 * once with PER_LINE_HALF_UP and zero under HARD mode or when unlimited.
 */
public record UsageForecast(MeterKey meter, TimeWindow window, Instant at, BigDecimal usedSoFar,
                            BigDecimal projectedUsage, BigDecimal projectedOverageUnits, Money currentOverageCost,
                            Money projectedOverageCost) {
    public UsageForecast {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(usedSoFar, "usedSoFar");
        Objects.requireNonNull(projectedUsage, "projectedUsage");
        Objects.requireNonNull(projectedOverageUnits, "projectedOverageUnits");
        Objects.requireNonNull(currentOverageCost, "currentOverageCost");
        Objects.requireNonNull(projectedOverageCost, "projectedOverageCost");
        BillingException.require(usedSoFar.signum() >= 0, "usedSoFar must not be negative");
        BillingException.require(projectedUsage.signum() >= 0, "projectedUsage must not be negative");
        BillingException.require(projectedOverageUnits.signum() >= 0, "projectedOverageUnits must not be negative");
    }

    /** Projects {@code usedSoFar} of {@code terms.meter()} in {@code window} at {@code at} and prices it. */
    public static UsageForecast of(MeterTerms terms, BigDecimal usedSoFar, TimeWindow window, Instant at) {
        Objects.requireNonNull(terms, "terms");
        BigDecimal projected = LinearForecast.project(usedSoFar, window, at);
        return new UsageForecast(terms.meter(), window, at, usedSoFar, projected,
                terms.allowance().overage(projected),
                MeterUsage.overageCost(terms, usedSoFar),
                MeterUsage.overageCost(terms, projected));
    }

    /** This meter's overage spend (now and projected) against {@code budget}. */
    public BudgetCheck against(Money budget) {
        return BudgetCheck.of(budget, currentOverageCost, projectedOverageCost);
    }

    /** True when the projected overage charge is over {@code budget} (spent or about to be). */
    public boolean willExceed(Money budget) {
        return against(budget).status() != BudgetStatus.WITHIN;
    }
}
