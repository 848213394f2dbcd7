package io.billkit.application.inmemory;

import io.billkit.application.port.out.UsageSnapshot;
import io.billkit.application.port.out.UsageSnapshotStore;
import io.billkit.domain.customer.CustomerId;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@link UsageSnapshotStore} in memory, keyed by (customer, day). */
public final class InMemoryUsageSnapshotStore implements UsageSnapshotStore {
    private final InMemoryTransactions tx;
    private final Map<Key, UsageSnapshot> byDay = new LinkedHashMap<>();

    private record Key(CustomerId customer, LocalDate day) {
    }

    public InMemoryUsageSnapshotStore(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void upsert(UsageSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        tx.put(byDay, new Key(snapshot.customer(), snapshot.day()), snapshot);
    }

    @Override
    public List<UsageSnapshot> list(CustomerId customer, LocalDate from, LocalDate toInclusive) {
        return tx.read(() -> byDay.values().stream()
                .filter(s -> s.customer().equals(customer) && !s.day().isBefore(from) && !s.day().isAfter(toInclusive))
                .sorted(Comparator.comparing(UsageSnapshot::day)).toList());
    }
}
