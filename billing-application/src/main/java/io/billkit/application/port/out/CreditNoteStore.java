package io.billkit.application.port.out;

import io.billkit.domain.creditnote.CreditNote;
import io.billkit.domain.creditnote.CreditNoteId;
import io.billkit.domain.creditnote.CreditNoteNumber;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceId;

import java.util.List;
import java.util.Optional;

/**
 * Credit notes and their lines (credit_notes, credit_note_lines) and their own gapless per-year number series
 * (credit_note_number_sequences).
 */
public interface CreditNoteStore {

    /**
     * Inserts a new note. CONFLICT when a note with the same provider refund id exists (a refund gives one note).
     */
    void insert(CreditNote note);

    /** Replaces the note's refund state and provider refund id. NOT_FOUND when absent. */
    void update(CreditNote note);

    Optional<CreditNote> find(CreditNoteId id);

    /** The notes of {@code invoice}, oldest first. */
    List<CreditNote> byInvoice(InvoiceId invoice);

    /**
     * The notes of {@code invoice}, oldest first, with the invoice locked against concurrent note issuers until
     * the caller's transaction ends (PostgreSQL: the invoice row {@code FOR UPDATE}), so two notes issued at once
     * cannot both spend what is left.
     */
    List<CreditNote> lockInvoice(InvoiceId invoice);

    /** A customer's notes, newest first, at most {@code limit} (1..1000). */
    List<CreditNote> byCustomer(CustomerId customer, int limit);

    /** The note recording the provider's refund {@code refundId}, if any. */
    Optional<CreditNote> findByProviderRefund(String refundId);

    /**
     * The next number of {@code year}'s series, in the caller's transaction: a rollback leaves no gap. Starts at 1
     * each year.
     */
    CreditNoteNumber nextNumber(int year);
}
