package io.billkit.application.port.in.creditnote;

import io.billkit.domain.creditnote.CreditNote;
import io.billkit.domain.money.Money;

import java.util.Objects;

/**
 * A credit note as readers see it, with what is still creditable on its invoice after all its notes.
 *
 * @param remainingOnInvoice total (tax included) still creditable on the note's invoice
 */
public record CreditNoteView(CreditNote note, Money remainingOnInvoice) {
    public CreditNoteView {
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(remainingOnInvoice, "remainingOnInvoice");
    }
}
