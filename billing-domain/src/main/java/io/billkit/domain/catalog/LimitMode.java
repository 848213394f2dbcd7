package io.billkit.domain.catalog;

/** What happens past an allowance. */
public enum LimitMode {
    /** Usage past the allowance is refused. */
    HARD,
    /** Usage past the allowance is allowed and billed as overage. */
    SOFT
}
