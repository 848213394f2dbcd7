package io.billkit.application.port.out;

import io.billkit.domain.customer.CustomerId;

import java.util.List;
import java.util.Optional;

/** Append-only audit trail of every change (billing_audit). */
public interface AuditLog {

    void append(AuditEntry entry);

    /** Newest first; {@code customer} empty means all customers; {@code limit} 1..1000. */
    List<AuditEntry> recent(Optional<CustomerId> customer, int limit);
}
