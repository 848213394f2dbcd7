package io.billkit.application.port.in.invoice;

/**
 * Lists a customer's invoices with paging and filters.
 */
public interface ListInvoicesUseCase {
    InvoicePage list(ListInvoicesQuery query);
}
