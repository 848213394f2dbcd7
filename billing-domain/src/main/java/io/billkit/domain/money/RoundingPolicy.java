package io.billkit.domain.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * How an exact amount becomes {@link Money}. BillKit rounds once per invoice line; totals are sums
 * of rounded lines so a printed invoice always adds up.
 */
public enum RoundingPolicy {
    /** Half up to the currency's minor unit: the default for every invoice line. */
    PER_LINE_HALF_UP(RoundingMode.HALF_UP),
    /** Banker's rounding to the minor unit, for embedders whose jurisdiction asks for it. */
    PER_LINE_HALF_EVEN(RoundingMode.HALF_EVEN);

    private final RoundingMode mode;

    RoundingPolicy(RoundingMode mode) {
        this.mode = mode;
    }

    public RoundingMode mode() {
        return mode;
    }

    /** Rounds an exact amount to the currency's minor unit. */
    public Money round(BigDecimal exactAmount, Currency currency) {
        Objects.requireNonNull(exactAmount, "exactAmount");
        return new Money(exactAmount.setScale(Money.minorDigits(currency), mode), currency);
    }
}
