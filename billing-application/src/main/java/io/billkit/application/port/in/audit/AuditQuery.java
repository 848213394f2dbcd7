package io.billkit.application.port.in.audit;

import io.billkit.domain.BillingException;
import io.billkit.domain.customer.CustomerId;
import java.util.Objects;
import java.util.Optional;

/**
 * Recent audit entries, newest first.
 *
 * @param customer only this customer's entries, or all when empty
 * @param limit    1..1000
 */
public record AuditQuery(Optional<CustomerId> customer, int limit) {
    public AuditQuery {
        Objects.requireNonNull(customer, "customer");
        BillingException.require(limit >= 1 && limit <= 1000, "limit must be in 1..1000 but was " + limit);
    }
}
