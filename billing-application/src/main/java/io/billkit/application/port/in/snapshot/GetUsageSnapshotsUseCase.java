package io.billkit.application.port.in.snapshot;

import io.billkit.application.port.out.UsageSnapshot;
import io.billkit.domain.customer.CustomerId;

import java.time.LocalDate;
import java.util.List;

/** A customer's daily usage snapshots over {@code [from, to]} (at most 366 days); NOT_FOUND for an unknown customer. */
public interface GetUsageSnapshotsUseCase {
    List<UsageSnapshot> snapshots(CustomerId customer, LocalDate from, LocalDate to);
}
