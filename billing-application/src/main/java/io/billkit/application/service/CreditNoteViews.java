package io.billkit.application.service;

import io.billkit.application.port.in.creditnote.CreditNoteView;
import io.billkit.application.port.out.CreditNoteStore;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.creditnote.CreditNote;
import io.billkit.domain.creditnote.CreditNoteId;
import io.billkit.domain.creditnote.Creditable;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceId;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Loads credit notes the way readers may see them, and maps them to {@link CreditNoteView}s. */
final class CreditNoteViews {
    private final CreditNoteStore notes;
    private final InvoiceStore invoices;

    CreditNoteViews(CreditNoteStore notes, InvoiceStore invoices) {
        this.notes = Objects.requireNonNull(notes, "notes");
        this.invoices = Objects.requireNonNull(invoices, "invoices");
    }

    /** The note {@code id}; NOT_FOUND when absent or, with {@code owner}, another customer's (never FORBIDDEN). */
    CreditNote load(CreditNoteId id, Optional<CustomerId> owner) {
        return notes.find(id)
                .filter(note -> owner.map(note.customerId()::equals).orElse(true))
                .orElseThrow(() -> new BillingException(ErrorCode.NOT_FOUND, "credit note " + id + " not found"));
    }

    CreditNoteView view(CreditNote note) {
        return views(List.of(note)).get(0);
    }

    /** Views of {@code page}, in order; each invoice's notes are read once. */
    List<CreditNoteView> views(List<CreditNote> page) {
        Map<InvoiceId, Creditable> left = new HashMap<>();
        return page.stream().map(note -> new CreditNoteView(note, left.computeIfAbsent(note.invoiceId(), id -> {
            Invoice invoice = InvoiceViews.load(invoices, id, Optional.empty());
            return Creditable.of(invoice, notes.byInvoice(id));
        }).remainingTotal())).toList();
    }
}
