package io.billkit.domain.credit;

import io.billkit.domain.BillingException;

import java.math.BigDecimal;
import java.util.Objects;

/** Checks shared by every credit amount: whole numbers or at most 6 decimals. */
final class CreditAmounts {
    /** Credits are held with at most this many decimal places. */
    static final int MAX_DECIMALS = 6;

    private CreditAmounts() {
    }

    /** {@code value} must be non-null, strictly positive and have at most 6 decimals. */
    static BigDecimal requirePositive(BigDecimal value, String name) {
        Objects.requireNonNull(value, name);
        BillingException.require(value.signum() > 0, name + " must be greater than 0 but was " + value.toPlainString());
        return requireDecimals(value, name);
    }

    /** {@code value} must be non-null, zero or positive and have at most 6 decimals. */
    static BigDecimal requireNotNegative(BigDecimal value, String name) {
        Objects.requireNonNull(value, name);
        BillingException.require(value.signum() >= 0, name + " must not be negative but was " + value.toPlainString());
        return requireDecimals(value, name);
    }

    static BigDecimal requireDecimals(BigDecimal value, String name) {
        BillingException.require(value.stripTrailingZeros().scale() <= MAX_DECIMALS,
                name + " must have at most " + MAX_DECIMALS + " decimals but was " + value.toPlainString());
        return value;
    }
}
