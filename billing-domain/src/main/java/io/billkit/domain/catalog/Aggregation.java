package io.billkit.domain.catalog;

/** How a meter folds its events of one window into one quantity. */
public enum Aggregation {
    /** Number of events (their quantities are ignored). */
    COUNT,
    /** Sum of the events' quantities. */
    SUM,
    /** Largest quantity seen in the window. */
    MAX,
    /** Number of distinct values of the meter's {@code uniqueProperty}. */
    UNIQUE_COUNT,
    /** Quantity of the latest event (by timestamp, then event id) in the window. */
    LATEST
}
