package io.billkit.domain.forecast;

/** Where spending stands against a budget. */
public enum BudgetStatus {
    /** Spent and projected spend are both within the budget. */
    WITHIN,
    /** Spent is within the budget but the projection for the window's end is over it. */
    WILL_EXCEED,
    /** Spent is already over the budget. */
    EXCEEDED
}
