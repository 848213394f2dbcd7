package io.billkit.domain.subscription;

import io.billkit.domain.BillingException;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The two lines of an immediate plan change, each already rounded to the currency's minor unit.
 *
 * @param unusedCredit    credit for the unused rest of the old plan: zero or negative
 * @param remainingCharge charge for the rest of the period on the new plan: zero or positive
 * @param fraction        share of the period still remaining, in [0, 1] (informational; at most
 *                        12 decimals, the money lines are computed from exact seconds, not from it)
 */
public record ProrationResult(Money unusedCredit, Money remainingCharge, BigDecimal fraction) {

    public ProrationResult {
        Objects.requireNonNull(unusedCredit, "unusedCredit");
        Objects.requireNonNull(remainingCharge, "remainingCharge");
        Objects.requireNonNull(fraction, "fraction");
        BillingException.require(!unusedCredit.isPositive(), "unusedCredit must not be positive but was " + unusedCredit);
        BillingException.require(!remainingCharge.isNegative(), "remainingCharge must not be negative but was " + remainingCharge);
        BillingException.require(unusedCredit.currency().equals(remainingCharge.currency()),
                "unusedCredit and remainingCharge must share a currency");
        BillingException.require(fraction.signum() >= 0 && fraction.compareTo(BigDecimal.ONE) <= 0,
                "fraction must be in [0, 1] but was " + fraction.toPlainString());
    }

    /** What the customer owes now: {@code remainingCharge + unusedCredit} (negative when owed back). */
    public Money net() {
        return remainingCharge.plus(unusedCredit);
    }
}
