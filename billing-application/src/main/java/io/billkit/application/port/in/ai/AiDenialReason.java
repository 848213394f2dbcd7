package io.billkit.application.port.in.ai;

/** Why an AI request was denied. */
public enum AiDenialReason {
    /** The model is not in the allowlist and there is no fallback. */
    MODEL_NOT_ALLOWED,
    /** Today's spend plus the estimate would pass the daily budget. */
    DAILY_BUDGET_EXCEEDED,
    /** This month's spend plus the estimate would pass the monthly budget. */
    MONTHLY_BUDGET_EXCEEDED
}
