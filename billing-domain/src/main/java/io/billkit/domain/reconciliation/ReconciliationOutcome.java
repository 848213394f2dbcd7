package io.billkit.domain.reconciliation;

/** How BillKit's metered quantity compares with the payment provider's for one subscription and meter. */
public enum ReconciliationOutcome {
    /** Exactly equal (including both zero). */
    MATCHED,
    /** Different, but the relative difference is within the policy's tolerance (inclusive). */
    WITHIN_TOLERANCE,
    /** The relative difference exceeds the tolerance: someone must look. */
    MISMATCH
}
