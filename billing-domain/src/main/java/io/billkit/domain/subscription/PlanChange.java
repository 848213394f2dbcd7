package io.billkit.domain.subscription;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.Plan;

import java.util.Objects;

/**
 * The kind of a plan change, decided by comparing base prices. An {@link #UPGRADE} applies now
 * with {@link Proration}; a {@link #DOWNGRADE} is scheduled for the end of the current period.
 * A change between different plans at the <em>same</em> base price counts as an UPGRADE, so it
 * applies immediately (its proration nets to zero); this keeps lateral moves from waiting a period.
 */
public enum PlanChange {
    UPGRADE,
    DOWNGRADE;

    /**
     * Classifies moving from {@code from} to {@code to}.
     *
     * @throws BillingException INVALID_ARGUMENT when both are the same plan or their billing
     *                          intervals differ (changing interval needs a new subscription);
     *                          CURRENCY_MISMATCH when the plans are priced in different currencies
     */
    public static PlanChange classify(Plan from, Plan to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        BillingException.require(!from.code().equals(to.code()),
                "plan change from " + from.code() + " to the same plan");
        BillingException.require(from.interval() == to.interval(),
                "plan change from " + from.code() + " (" + from.interval() + ") to " + to.code() + " ("
                        + to.interval() + ") changes the billing interval; cancel and subscribe anew instead");
        return to.basePrice().compareTo(from.basePrice()) >= 0 ? UPGRADE : DOWNGRADE;
    }

    /** Whether this change applies immediately (true for UPGRADE) rather than at period end. */
    public boolean appliesNow() {
        return this == UPGRADE;
    }
}
