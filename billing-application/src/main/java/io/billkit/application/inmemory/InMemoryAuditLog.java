package io.billkit.application.inmemory;

import io.billkit.application.port.out.AuditEntry;
import io.billkit.application.port.out.AuditLog;
import io.billkit.domain.BillingException;
import io.billkit.domain.customer.CustomerId;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link AuditLog} in memory; entries roll back with their transaction. */
public final class InMemoryAuditLog implements AuditLog {
    private final InMemoryTransactions tx;
    private final List<AuditEntry> entries = new ArrayList<>();

    public InMemoryAuditLog(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void append(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        tx.append(entries, entry);
    }

    @Override
    public List<AuditEntry> recent(Optional<CustomerId> customer, int limit) {
        BillingException.require(limit >= 1 && limit <= 1000, "limit must be in 1..1000 but was " + limit);
        return tx.read(() -> {
            List<AuditEntry> result = new ArrayList<>();
            for (int i = entries.size() - 1; i >= 0 && result.size() < limit; i--) {
                AuditEntry entry = entries.get(i);
                if (customer.isEmpty() || entry.customer().equals(customer)) {
                    result.add(entry);
                }
            }
            return result;
        });
    }
}
