package io.billkit.domain.money;

import io.billkit.domain.BillingException;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * A high-precision price of one unit, up to {@value #MAX_SCALE} decimals (USD 0.00003 per AI token).
 * Never negative. {@link #extend(BigDecimal)} gives the exact, unrounded amount for a quantity.
 */
public record UnitPrice(BigDecimal amount, Currency currency) {
    /** Decimals of the major unit a unit price may carry: 14, as Stripe's {@code unit_amount_decimal} (12 decimals of a cent). */
    public static final int MAX_SCALE = 14;

    public UnitPrice {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        amount = amount.stripTrailingZeros();
        if (amount.scale() < 0) {
            amount = amount.setScale(0);
        }
        if (amount.scale() > MAX_SCALE) {
            throw BillingException.invalid("unit price " + amount.toPlainString() + " has more than "
                    + MAX_SCALE + " decimals");
        }
        if (amount.signum() < 0) {
            throw BillingException.invalid("unit price must not be negative: " + amount.toPlainString());
        }
    }

    public static UnitPrice of(String amount, String currencyCode) {
        return new UnitPrice(new BigDecimal(amount), Money.currency(currencyCode));
    }

    public static UnitPrice zero(Currency currency) {
        return new UnitPrice(BigDecimal.ZERO, currency);
    }

    /** Exact amount for {@code quantity} units (no rounding). */
    public BigDecimal extend(BigDecimal quantity) {
        Objects.requireNonNull(quantity, "quantity");
        return amount.multiply(quantity);
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    /** {@code "USD 0.50"}, {@code "USD 0.00003"}: never fewer decimals than the currency's minor unit. */
    @Override
    public String toString() {
        int scale = Math.max(amount.scale(), Money.minorDigits(currency));
        return currency.getCurrencyCode() + " " + amount.setScale(scale).toPlainString();
    }
}
