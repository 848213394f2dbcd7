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
        this(invoices, references, io.billkit.application.port.out.CustomerBalanceStore.NONE);
    }

    /** A service whose views count what the customer's money balance paid as paid. */
    public GetInvoiceService(InvoiceStore invoices, ProviderReferenceStore references,
                             io.billkit.application.port.out.CustomerBalanceStore balances) {
        this.views = new InvoiceViews(invoices, references, balances);
    }

    @Override
    public InvoiceView get(GetInvoiceQuery query) {
        Objects.requireNonNull(query, "query");
        return views.view(views.load(query.id(), query.owner()));
    }
}
