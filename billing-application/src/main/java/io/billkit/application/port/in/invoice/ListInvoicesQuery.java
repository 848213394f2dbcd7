package io.billkit.application.port.in.invoice;

import io.billkit.domain.BillingException;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceStatus;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a customer's invoices, newest period first.
 *
 * @param page  1-based page number
 * @param limit page size, 1..100
 * @param from  only invoices whose period starts on or after this date
 * @param to    only invoices whose period starts on or before this date
 */
public record ListInvoicesQuery(CustomerId customer, int page, int limit, Optional<InvoiceStatus> status, Optional<LocalDate> from, Optional<LocalDate> to) {
    public ListInvoicesQuery {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        BillingException.require(page >= 1, "page must be at least 1 but was " + page);
        BillingException.require(limit >= 1 && limit <= 100, "limit must be in 1..100 but was " + limit);
    }
}
