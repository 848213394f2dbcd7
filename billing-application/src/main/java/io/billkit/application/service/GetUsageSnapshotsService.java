package io.billkit.application.service;

import io.billkit.application.port.in.snapshot.GetUsageSnapshotsUseCase;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.UsageSnapshot;
import io.billkit.application.port.out.UsageSnapshotStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.customer.CustomerId;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/** Reads daily usage snapshots; writes nothing. */
public final class GetUsageSnapshotsService implements GetUsageSnapshotsUseCase {
    private final CustomerStore customers;
    private final UsageSnapshotStore snapshots;

    public GetUsageSnapshotsService(CustomerStore customers, UsageSnapshotStore snapshots) {
        this.customers = Objects.requireNonNull(customers, "customers");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    }

    @Override
    public List<UsageSnapshot> snapshots(CustomerId customer, LocalDate from, LocalDate to) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        BillingException.require(!to.isBefore(from), "to must not be before from");
        BillingException.require(ChronoUnit.DAYS.between(from, to) < 366, "the range must be at most 366 days");
        Customers.require(customers, customer);
        return snapshots.list(customer, from, to);
    }
}
