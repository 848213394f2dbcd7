package io.billkit.domain.catalog;

/** The window an allowance resets on, in the customer's time zone. */
public enum Window {
    /** A calendar day (23, 24 or 25 hours long across DST changes). */
    DAY,
    /** A calendar month. */
    MONTH,
    /** The subscription's billing period (from its anchor). */
    PERIOD
}
