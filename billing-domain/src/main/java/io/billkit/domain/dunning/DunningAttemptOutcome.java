package io.billkit.domain.dunning;

/** How one retry of a failed payment ended. */
public enum DunningAttemptOutcome {
    /** The provider took the payment. */
    SUCCEEDED,
    /** The provider declined it again. */
    FAILED
}
