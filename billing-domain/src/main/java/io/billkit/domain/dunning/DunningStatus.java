package io.billkit.domain.dunning;

/** Where a dunning case (the retries of one invoice's failed payment) is. */
public enum DunningStatus {
    /** Retries are scheduled: {@link DunningCase#nextRetryAt()} is present. */
    RETRYING,
    /** The invoice was paid (by a retry, the customer or the provider); no more retries. */
    RECOVERED,
    /** The last retry failed and the final action was taken. */
    EXHAUSTED,
    /** An admin stopped the retries; the final action was not taken. */
    STOPPED;

    /** Whether retries may still happen. */
    public boolean isOpen() {
        return this == RETRYING;
    }
}
