package io.billkit.domain.quota;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.Allowance;
import io.billkit.domain.catalog.Limit;
import io.billkit.domain.catalog.LimitMode;
import io.billkit.domain.usage.MeterUsage;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Decides whether {@code requested} more units fit an {@link Allowance} given what the window has
 * {@code used}: HARD denies when {@code used + requested > included} (reaching the limit exactly is allowed);
 * SOFT always allows and reports the overage; unlimited always allows. Pure; making the check and the
 * increment one atomic step is the store's job.
 */
public final class QuotaPolicy {

    private QuotaPolicy() {
    }

    /**
     * @param used      usage already in the window, {@code >= 0}
     * @param requested quantity asked for, {@code >= 0}
     */
    public static QuotaDecision decide(Allowance allowance, BigDecimal used, BigDecimal requested) {
        Objects.requireNonNull(allowance, "allowance");
        Objects.requireNonNull(used, "used");
        Objects.requireNonNull(requested, "requested");
        BillingException.require(used.signum() >= 0, "used must not be negative but was " + used.toPlainString());
        BillingException.require(requested.signum() >= 0,
                "requested must not be negative but was " + requested.toPlainString());
        Limit limit = allowance.included();
        if (limit.isUnlimited()) {
            return new QuotaDecision(QuotaOutcome.ALLOWED, used, limit, allowance.mode(), requested,
                    Limit.unlimited(), BigDecimal.ZERO);
        }
        BigDecimal after = used.add(requested);
        BigDecimal overBy = allowance.overage(after);
        boolean denied = allowance.mode() == LimitMode.HARD && limit.isExceededBy(after);
        QuotaOutcome outcome = denied ? QuotaOutcome.DENIED : QuotaOutcome.ALLOWED;
        Limit remainingAfter = MeterUsage.remaining(limit, denied ? used : after);
        return new QuotaDecision(outcome, used, limit, allowance.mode(), requested, remainingAfter, overBy);
    }
}
