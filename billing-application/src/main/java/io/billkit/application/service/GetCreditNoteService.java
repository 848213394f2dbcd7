package io.billkit.application.service;

import io.billkit.application.port.in.creditnote.CreditNoteView;
import io.billkit.application.port.in.creditnote.GetCreditNoteUseCase;
import io.billkit.application.port.out.CreditNoteStore;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.domain.creditnote.CreditNoteId;
import io.billkit.domain.customer.CustomerId;

import java.util.Objects;
import java.util.Optional;

/** Reads one credit note (owner-scoped for members). */
public final class GetCreditNoteService implements GetCreditNoteUseCase {
    private final CreditNoteViews views;

    public GetCreditNoteService(CreditNoteStore notes, InvoiceStore invoices) {
        this.views = new CreditNoteViews(notes, invoices);
    }

    @Override
    public CreditNoteView get(CreditNoteId id, Optional<CustomerId> owner) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        return views.view(views.load(id, owner));
    }
}
