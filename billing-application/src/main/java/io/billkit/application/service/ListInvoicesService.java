package io.billkit.application.service;

import io.billkit.application.port.in.invoice.InvoicePage;
import io.billkit.application.port.in.invoice.ListInvoicesQuery;
import io.billkit.application.port.in.invoice.ListInvoicesUseCase;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.ProviderReferenceStore;

import java.util.Objects;

/** One page of a customer's invoices, newest period first, filtered by status and period start. */
public final class ListInvoicesService implements ListInvoicesUseCase {
    private final InvoiceStore invoices;
    private final InvoiceViews views;

    public ListInvoicesService(InvoiceStore invoices, ProviderReferenceStore references) {
        this.invoices = Objects.requireNonNull(invoices, "invoices");
        this.views = new InvoiceViews(invoices, references);
    }

    @Override
    public InvoicePage list(ListInvoicesQuery query) {
        Objects.requireNonNull(query, "query");
        int offset = Math.multiplyExact(query.page() - 1, query.limit());
        InvoiceStore.Page page = invoices.list(query.customer(),
                new InvoiceStore.Filter(query.status(), query.from(), query.to()), offset, query.limit());
        return new InvoicePage(page.items().stream().map(views::view).toList(), query.page(), query.limit(),
                page.total());
    }
}
