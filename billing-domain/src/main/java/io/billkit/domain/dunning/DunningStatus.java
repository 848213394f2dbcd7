package io.billkit.domain.dunning;

/** Where a dunning case (the retries of one invoice's failed payment) is. */
public enum DunningStatus {
    /** Retries are scheduled: {@link DunningCase#nextRetryAt()} is present. */
    RETRYING,
    /** The invoice was paid (by a retry, the customer or the provider); no more retries. */
    RECOVERED,
    /**
     * The last retry failed and the final action is CANCEL: the subscription's cancel is due at {@link
     * DunningCase#nextRetryAt()} (retried there until it succeeds, e.g. after a provider outage), then EXHAUSTED.
     */
    CANCELLING,
    /** The last retry failed and the final action was taken. */
    EXHAUSTED,
    /** An admin stopped the retries; the final action was not taken. */
    STOPPED;

    /** Whether work is still scheduled (a retry, or the final cancel): {@link DunningCase#nextRetryAt()} is present. */
    public boolean isOpen() {
        return this == RETRYING || this == CANCELLING;
    }

    /** Whether the invoice is still unpaid and chased or given up on (the subscription is past due). */
    public boolean isUnresolved() {
        return this == RETRYING || this == CANCELLING || this == EXHAUSTED;
    }
}
