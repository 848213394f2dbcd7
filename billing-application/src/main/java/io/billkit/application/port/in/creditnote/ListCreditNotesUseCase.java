package io.billkit.application.port.in.creditnote;

import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceId;

import java.util.List;
import java.util.Optional;

/** Reads credit notes: of one invoice (oldest first) or of one customer (newest first). */
public interface ListCreditNotesUseCase {

    /** The notes of {@code invoice}; NOT_FOUND when the invoice is absent or, with {@code owner}, someone else's. */
    List<CreditNoteView> forInvoice(InvoiceId invoice, Optional<CustomerId> owner);

    /** A customer's notes, newest first, at most {@code limit} (1..1000). */
    List<CreditNoteView> forCustomer(CustomerId customer, int limit);
}
