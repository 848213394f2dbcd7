package io.billkit.application.port.in.invoice;

import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceId;
import java.util.Objects;
import java.util.Optional;

/**
 * One invoice. With {@code owner} present, an invoice of another customer is NOT_FOUND (never
 * FORBIDDEN, so ids of other tenants don't leak); an empty owner is an admin's unrestricted read.
 */
public record GetInvoiceQuery(InvoiceId id, Optional<CustomerId> owner) {
    public GetInvoiceQuery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
    }
}
