package io.billkit.application.port.in.invoice;

import java.util.List;
import java.util.Objects;

/**
 * A page of invoices and the number of all matching ones.
 */
public record InvoicePage(List<InvoiceView> items, int page, int limit, long total) {
    public InvoicePage {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }
}
