package io.billkit.domain.quota;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Limit;
import io.billkit.domain.catalog.LimitMode;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The answer of {@link QuotaPolicy#decide}: quantities are in the meter's unit.
 *
 * <ul>
 *   <li>{@code used}: usage in the window before the request;</li>
 *   <li>{@code limit}: the allowance's included quantity (unlimited is its own value);</li>
 *   <li>{@code mode}: HARD or SOFT (SOFT for unlimited);</li>
 *   <li>{@code requested}: the quantity asked for ({@code 0} asks "am I still within?");</li>
 *   <li>{@code remainingAfter}: what is left of the limit after the decision, never negative (unchanged from
 *       before when DENIED; unlimited stays unlimited);</li>
 *   <li>{@code overBy}: how far {@code used + requested} goes past the limit (zero when within or unlimited).
 *       For DENIED it is why; for SOFT it is the overage the window will bill.</li>
 * </ul>
 */
public record QuotaDecision(QuotaOutcome outcome, BigDecimal used, Limit limit, LimitMode mode, BigDecimal requested,
                            Limit remainingAfter, BigDecimal overBy) {

    public QuotaDecision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(used, "used");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(remainingAfter, "remainingAfter");
        Objects.requireNonNull(overBy, "overBy");
        BillingException.require(overBy.signum() >= 0, "overBy must not be negative but was " + overBy.toPlainString());
    }

    public boolean isAllowed() {
        return outcome == QuotaOutcome.ALLOWED;
    }

    public boolean isDenied() {
        return outcome == QuotaOutcome.DENIED;
    }

    /** Usage in the window if this decision is applied ({@code used} when DENIED). */
    public BigDecimal usedAfter() {
        return isAllowed() ? used.add(requested) : used;
    }

    /**
     * Returns this decision when ALLOWED.
     *
     * @throws BillingException {@link ErrorCode#QUOTA_EXCEEDED} when DENIED, naming the numbers
     */
    public QuotaDecision requireAllowed() {
        if (isDenied()) {
            throw new BillingException(ErrorCode.QUOTA_EXCEEDED, "quota exceeded: used " + used.toPlainString()
                    + " + requested " + requested.toPlainString() + " is over the limit of " + limit
                    + " by " + overBy.toPlainString());
        }
        return this;
    }
}
