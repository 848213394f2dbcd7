package io.billkit.application.port.out.provider;

/**
 * A subscription's status as the payment provider sees it (Stripe's words are mapped to these by adapter-stripe).
 * {@link #OTHER} stands for a status BillKit does not act on.
 */
public enum ProviderSubscriptionStatus {
    TRIALING,
    ACTIVE,
    PAST_DUE,
    /** Payment attempts exhausted, not cancelled. */
    UNPAID,
    PAUSED,
    /** The first payment has not succeeded yet. */
    INCOMPLETE,
    /** The first payment never succeeded; the subscription is over. */
    INCOMPLETE_EXPIRED,
    CANCELED,
    OTHER;

    /** Whether the provider will never bill this subscription again. */
    public boolean isEnded() {
        return this == CANCELED || this == INCOMPLETE_EXPIRED;
    }
}
