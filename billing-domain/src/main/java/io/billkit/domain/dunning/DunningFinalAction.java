package io.billkit.domain.dunning;

/** What happens to the subscription when the last retry of a failed payment also failed. */
public enum DunningFinalAction {
    /** The subscription is cancelled at once (CANCELLED). */
    CANCEL,
    /**
     * The subscription is marked UNPAID: it keeps running, but usage of meters with a HARD limit is refused until an
     * overdue invoice is paid.
     */
    MARK_UNPAID
}
