package io.billkit.application.service;

import io.billkit.application.port.in.creditnote.CreditNoteView;
import io.billkit.application.port.in.creditnote.ListCreditNotesUseCase;
import io.billkit.application.port.out.CreditNoteStore;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceId;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Lists credit notes of an invoice or of a customer; reads only. */
public final class ListCreditNotesService implements ListCreditNotesUseCase {
    private final CreditNoteStore notes;
    private final InvoiceStore invoices;
    private final CreditNoteViews views;

    public ListCreditNotesService(CreditNoteStore notes, InvoiceStore invoices) {
        this.notes = Objects.requireNonNull(notes, "notes");
        this.invoices = Objects.requireNonNull(invoices, "invoices");
        this.views = new CreditNoteViews(notes, invoices);
    }

    @Override
    public List<CreditNoteView> forInvoice(InvoiceId invoice, Optional<CustomerId> owner) {
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(owner, "owner");
        InvoiceViews.load(invoices, invoice, owner);
        return views.views(notes.byInvoice(invoice));
    }

    @Override
    public List<CreditNoteView> forCustomer(CustomerId customer, int limit) {
        Objects.requireNonNull(customer, "customer");
        return views.views(notes.byCustomer(customer, limit));
    }
}
