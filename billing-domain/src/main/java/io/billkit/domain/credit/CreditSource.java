package io.billkit.domain.credit;

/**
 * Where a grant's credits came from; it decides how they expire. The declaration order is the
 * default consumption order ({@link CreditConsumptionPolicy#PURCHASED_FIRST}).
 */
public enum CreditSource {
    /** Bought as a credit pack; never expires. */
    PURCHASED,
    /** Included in a plan: granted at period start, expires at period end. */
    SUBSCRIPTION,
    /** Given away (goodwill, campaign); carries its own required expiry. */
    PROMOTIONAL
}
