package io.billkit.application.port.out;

import io.billkit.domain.customer.CustomerId;

import java.time.LocalDate;
import java.util.List;

/** Daily usage snapshots, unique per (customer, day). */
public interface UsageSnapshotStore {
    /** Inserts the snapshot, or replaces the customer's snapshot of that day. */
    void upsert(UsageSnapshot snapshot);

    /** The customer's snapshots of the days {@code [from, toInclusive]}, oldest first. */
    List<UsageSnapshot> list(CustomerId customer, LocalDate from, LocalDate toInclusive);
}
