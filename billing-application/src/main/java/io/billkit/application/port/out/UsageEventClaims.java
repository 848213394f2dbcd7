package io.billkit.application.port.out;

import io.billkit.application.port.out.UsageEventStore.DatedUsageEvent;
import io.billkit.domain.customer.CustomerId;

import java.util.List;
import java.util.Optional;

/**
 * The deduplication truth when usage events live in an event log outside the system of record (e.g.
 * ClickHouse): one claim per (customer, event id), written in the caller's transaction together with the
 * quota counters, and a copy of each claimed event kept until the log has acknowledged it (an outbox).
 * See {@code io.billkit.application.usagelog.EventLogUsageStore}.
 */
public interface UsageEventClaims {
    /**
     * Claims the events whose (customer, event id) is not claimed yet, in the caller's transaction, and keeps
     * each claimed event as not yet shipped. A repeated id within the batch is claimed once (the first wins).
     *
     * @return the events claimed by this call, in input order
     */
    List<DatedUsageEvent> claimNew(List<DatedUsageEvent> events);

    /** Whether the customer's event with this id is claimed (committed, or by the caller's transaction). */
    boolean contains(CustomerId customer, String eventId);

    /**
     * Up to {@code limit} committed claims not yet marked shipped, oldest first, for one customer or all, in the
     * caller's transaction (or its own). Claims made by the caller's own, still open, transaction are never
     * returned: they are shipped by that transaction's unit of work.
     */
    List<DatedUsageEvent> unshipped(Optional<CustomerId> customer, int limit);

    /** Marks these events shipped (the log has them), in the caller's transaction (or its own). */
    void markShipped(List<DatedUsageEvent> events);
}
