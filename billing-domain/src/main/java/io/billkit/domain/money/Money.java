package io.billkit.domain.money;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in one currency, always held at the currency's minor unit (2 decimals for
 * USD, 0 for JPY). There is no {@code double} path in or out. Arithmetic refuses mixed currencies
 * with {@link ErrorCode#CURRENCY_MISMATCH}. Amounts that need more precision (unit prices, the exact
 * extension of a price before a line is rounded) are plain {@link BigDecimal}s or {@link UnitPrice}s
 * until a {@link RoundingPolicy} turns them into Money, once per invoice line.
 *
 * <p>Compare with {@link #isEqualTo(Money)} or {@link #compareTo(Money)}; {@link #equals(Object)} is
 * scale-safe because the scale is normalised on construction.
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        int scale = minorDigits(currency);
        try {
            amount = amount.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw BillingException.invalid("amount " + amount.toPlainString() + " has more decimals than "
                    + currency.getCurrencyCode() + " allows (" + scale + "); round it with a RoundingPolicy first");
        }
    }

    /** Money from a decimal string, e.g. {@code Money.of("1250.00", "USD")}. */
    public static Money of(String amount, String currencyCode) {
        return new Money(new BigDecimal(amount), currency(currencyCode));
    }

    public static Money of(BigDecimal amount, Currency currency) {
        return new Money(amount, currency);
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    public static Money zero(String currencyCode) {
        return zero(currency(currencyCode));
    }

    /** Money from an integer count of minor units (cents for USD). */
    public static Money ofMinor(long minorUnits, Currency currency) {
        return new Money(BigDecimal.valueOf(minorUnits, minorDigits(currency)), currency);
    }

    /** The currency for an ISO 4217 code, with a clear error for an unknown code. */
    public static Currency currency(String code) {
        Objects.requireNonNull(code, "currencyCode");
        try {
            return Currency.getInstance(code.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw BillingException.invalid("unknown currency code '" + code + "'");
        }
    }

    /** Number of decimals of the currency's minor unit (never negative). */
    public static int minorDigits(Currency currency) {
        return Math.max(0, currency.getDefaultFractionDigits());
    }

    /** This amount as an integer count of minor units (exact). */
    public long toMinor() {
        return amount.movePointRight(minorDigits(currency)).longValueExact();
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    /** Multiplies by {@code factor} and rounds to the minor unit with the explicit {@code mode}. */
    public Money times(BigDecimal factor, RoundingMode mode) {
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(mode, "mode");
        return new Money(amount.multiply(factor).setScale(minorDigits(currency), mode), currency);
    }

    /** Divides by {@code divisor} and rounds to the minor unit with the explicit {@code mode}. */
    public Money dividedBy(BigDecimal divisor, RoundingMode mode) {
        Objects.requireNonNull(divisor, "divisor");
        Objects.requireNonNull(mode, "mode");
        if (divisor.signum() == 0) {
            throw BillingException.invalid("division of money by zero");
        }
        return new Money(amount.divide(divisor, minorDigits(currency), mode), currency);
    }

    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public Money abs() {
        return amount.signum() < 0 ? negate() : this;
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isEqualTo(Money other) {
        return compareTo(other) == 0;
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    private void requireSameCurrency(Money other) {
        Objects.requireNonNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new BillingException(ErrorCode.CURRENCY_MISMATCH,
                    "cannot combine " + currency.getCurrencyCode() + " with " + other.currency.getCurrencyCode());
        }
    }

    /** {@code "USD 1250.00"}. */
    @Override
    public String toString() {
        return currency.getCurrencyCode() + " " + amount.toPlainString();
    }
}
