package io.billkit.domain.usage;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.Limit;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.MeterTerms;
import io.billkit.domain.catalog.Price;
import io.billkit.domain.money.Money;
import io.billkit.domain.money.RoundingPolicy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's usage of one meter in one window (day, month or billing period), as shown and billed:
 *
 * <ul>
 *   <li>{@code used}: the aggregated quantity, in the meter's unit, {@code >= 0};</li>
 *   <li>{@code included}: the plan's allowance ({@link Limit.Unlimited} when there is none);</li>
 *   <li>{@code remaining}: {@code included - used}, never negative; unlimited stays unlimited;</li>
 *   <li>{@code percentUsed}: {@code used / included * 100} with 1 decimal HALF_UP; empty when the allowance is
 *       unlimited or zero (there is no percentage of nothing);</li>
 *   <li>{@code overageUnits}: units past the allowance (also reported under HARD mode, where they were or
 *       would be refused);</li>
 *   <li>{@code overageCost}: the billable overage priced with the terms' overage {@link Price} and rounded once
 *       with {@link RoundingPolicy#PER_LINE_HALF_UP}; zero under HARD mode and when unlimited.</li>
 * </ul>
 * Build it with {@link #of(MeterTerms, BigDecimal)}.
 */
public record MeterUsage(MeterKey meter, BigDecimal used, Limit included, Limit remaining,
                         Optional<BigDecimal> percentUsed, BigDecimal overageUnits, Money overageCost) {

    public MeterUsage {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(used, "used");
        Objects.requireNonNull(included, "included");
        Objects.requireNonNull(remaining, "remaining");
        Objects.requireNonNull(percentUsed, "percentUsed");
        Objects.requireNonNull(overageUnits, "overageUnits");
        Objects.requireNonNull(overageCost, "overageCost");
        BillingException.require(used.signum() >= 0, "used must not be negative but was " + used.toPlainString());
        BillingException.require(overageUnits.signum() >= 0,
                "overageUnits must not be negative but was " + overageUnits.toPlainString());
        BillingException.require(!overageCost.isNegative(), "overageCost must not be negative but was " + overageCost);
    }

    /** The usage view for {@code used} units under {@code terms}. */
    public static MeterUsage of(MeterTerms terms, BigDecimal used) {
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(used, "used");
        BillingException.require(used.signum() >= 0, "used must not be negative but was " + used.toPlainString());
        Limit included = terms.allowance().included();
        return new MeterUsage(terms.meter(), used, included, remaining(included, used), percentUsed(included, used),
                terms.allowance().overage(used), overageCost(terms, used));
    }

    /** {@code included - used}, never negative; unlimited stays unlimited. */
    public static Limit remaining(Limit included, BigDecimal used) {
        if (included instanceof Limit.Finite finite) {
            return Limit.of(finite.quantity().subtract(used).max(BigDecimal.ZERO));
        }
        return Limit.unlimited();
    }

    /** {@code used / included * 100}, 1 decimal HALF_UP; empty for an unlimited or zero allowance. */
    public static Optional<BigDecimal> percentUsed(Limit included, BigDecimal used) {
        if (included instanceof Limit.Finite finite && finite.quantity().signum() > 0) {
            return Optional.of(used.multiply(BigDecimal.valueOf(100)).divide(finite.quantity(), 1, RoundingMode.HALF_UP));
        }
        return Optional.empty();
    }

    /** The overage charge for {@code used} under {@code terms}, rounded once per line (HALF_UP). */
    public static Money overageCost(MeterTerms terms, BigDecimal used) {
        Price price = terms.overagePrice();
        return RoundingPolicy.PER_LINE_HALF_UP.round(price.exactAmount(terms.billableUnits(used)), price.currency());
    }

    public boolean isOverAllowance() {
        return overageUnits.signum() > 0;
    }
}
