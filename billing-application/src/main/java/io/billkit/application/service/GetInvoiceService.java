package io.billkit.application.service;

import io.billkit.application.port.in.invoice.GetInvoiceQuery;
import io.billkit.application.port.in.invoice.GetInvoiceUseCase;
import io.billkit.application.port.in.invoice.InvoiceView;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.ProviderReferenceStore;

import java.util.Objects;

/** One invoice; another customer's invoice is NOT_FOUND for an owner-scoped query. */
public final class GetInvoiceService implements GetInvoiceUseCase {
    private final InvoiceViews views;

    public GetInvoiceService(InvoiceStore invoices, ProviderReferenceStore references) {
        this.views = new InvoiceViews(invoices, references);
    }

    @Override
    public InvoiceView get(GetInvoiceQuery query) {
        Objects.requireNonNull(query, "query");
        return views.view(views.load(query.id(), query.owner()));
    }
}
