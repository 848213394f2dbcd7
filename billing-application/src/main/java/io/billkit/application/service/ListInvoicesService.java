package io.billkit.application.service;

import io.billkit.application.port.in.invoice.InvoicePage;
import io.billkit.application.port.in.invoice.ListInvoicesQuery;
import io.billkit.application.port.in.invoice.ListInvoicesUseCase;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.Transactions;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One page of a customer's invoices, newest period first, filtered by status and period start: one read
 * transaction (count, page, lines and provider ids, each one query for the whole page).
 */
public final class ListInvoicesService implements ListInvoicesUseCase {
    private final InvoiceStore invoices;
    private final InvoiceViews views;
    private final Transactions tx;

    public ListInvoicesService(InvoiceStore invoices, ProviderReferenceStore references, Transactions tx) {
        this(invoices, references, tx, io.billkit.application.port.out.CustomerBalanceStore.NONE);
    }

    /** A service whose views count what the customer's money balance paid as paid. */
    public ListInvoicesService(InvoiceStore invoices, ProviderReferenceStore references, Transactions tx,
                               io.billkit.application.port.out.CustomerBalanceStore balances) {
        this.invoices = Objects.requireNonNull(invoices, "invoices");
        this.views = new InvoiceViews(invoices, references, balances);
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    /** Without a {@link Transactions}: each store call is its own transaction (for callers that don't mind). */
    public ListInvoicesService(InvoiceStore invoices, ProviderReferenceStore references) {
        this(invoices, references, Supplier::get);
    }

    @Override
    public InvoicePage list(ListInvoicesQuery query) {
        Objects.requireNonNull(query, "query");
        int offset = Math.multiplyExact(query.page() - 1, query.limit());
        return tx.inTransaction(() -> {
            InvoiceStore.Page page = invoices.list(query.customer(),
                    new InvoiceStore.Filter(query.status(), query.from(), query.to()), offset, query.limit());
            return new InvoicePage(views.views(page.items()), query.page(), query.limit(), page.total());
        });
    }
}
