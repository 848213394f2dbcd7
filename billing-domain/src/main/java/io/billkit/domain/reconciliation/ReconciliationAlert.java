package io.billkit.domain.reconciliation;

/** Whether a reconciliation run must alert a human. */
public enum ReconciliationAlert {
    /** The total money discrepancy is at or below the policy's threshold. */
    NONE,
    /** The total money discrepancy exceeds the policy's threshold. */
    THRESHOLD_EXCEEDED
}
