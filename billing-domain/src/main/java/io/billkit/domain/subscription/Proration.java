package io.billkit.domain.subscription;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.money.Money;
import io.billkit.domain.money.RoundingPolicy;
import io.billkit.domain.time.BillingPeriod;
import io.billkit.domain.time.TimeWindow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Prorates an immediate plan change inside a billing period, by the period's real seconds (a
 * period that loses an hour to DST is one hour shorter). For a change at {@code at}:
 * <ul>
 *   <li>unused credit = -(old base price x remaining seconds / period seconds),</li>
 *   <li>remaining charge = new base price x remaining seconds / period seconds,</li>
 * </ul>
 * each computed exactly and rounded once to the currency's minor unit with the given
 * {@link RoundingPolicy} ({@link RoundingPolicy#PER_LINE_HALF_UP} by default). Pure: no clock.
 */
public final class Proration {

    /** Decimals of {@link ProrationResult#fraction()}. */
    public static final int FRACTION_SCALE = 12;

    private Proration() {
    }

    /** Prorates moving from plan {@code from} to plan {@code to} at {@code at} in {@code period}, half-up per line. */
    public static ProrationResult of(Plan from, Plan to, BillingPeriod period, Instant at) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(period, "period");
        return of(from.basePrice(), to.basePrice(), period.window(), at, RoundingPolicy.PER_LINE_HALF_UP);
    }

    /**
     * Prorates replacing a base price of {@code oldPrice} by {@code newPrice} at {@code at} within
     * {@code period}.
     *
     * @throws BillingException INVALID_ARGUMENT when {@code at} is outside {@code period} or a price is
     *                          negative; CURRENCY_MISMATCH when the prices' currencies differ
     */
    public static ProrationResult of(Money oldPrice, Money newPrice, TimeWindow period, Instant at, RoundingPolicy rounding) {
        Objects.requireNonNull(oldPrice, "oldPrice");
        Objects.requireNonNull(newPrice, "newPrice");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(rounding, "rounding");
        oldPrice.compareTo(newPrice); // throws CURRENCY_MISMATCH early
        BillingException.require(!oldPrice.isNegative() && !newPrice.isNegative(), "base prices must not be negative");
        BillingException.require(period.contains(at),
                "proration instant " + at + " is outside the period [" + period.start() + ", " + period.end() + ")");
        BigDecimal total = seconds(period.length());
        BigDecimal remaining = seconds(Duration.between(at, period.end()));
        Money credit = share(oldPrice, remaining, total, rounding.mode()).negate();
        Money charge = share(newPrice, remaining, total, rounding.mode());
        BigDecimal fraction = remaining.divide(total, FRACTION_SCALE, RoundingMode.HALF_UP);
        return new ProrationResult(credit, charge, fraction);
    }

    /** {@code price x remaining / total}, rounded once to the minor unit. */
    private static Money share(Money price, BigDecimal remaining, BigDecimal total, RoundingMode mode) {
        BigDecimal exact = price.amount().multiply(remaining);
        return new Money(exact.divide(total, Money.minorDigits(price.currency()), mode), price.currency());
    }

    /** Seconds including the nanosecond part, exactly. */
    private static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
    }
}
