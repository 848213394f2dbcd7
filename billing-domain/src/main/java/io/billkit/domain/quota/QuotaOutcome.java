package io.billkit.domain.quota;

/** Whether a requested quantity is admitted. */
public enum QuotaOutcome {
    /** The request fits the allowance, or the allowance is SOFT (overage is billed) or unlimited. */
    ALLOWED,
    /** The request would take usage past a HARD allowance; nothing of it is admitted. */
    DENIED
}
