package io.billkit.application.port.in.creditnote;

/**
 * Issues a credit note: never more than is left of the invoice (per line and in total) after earlier notes
 * ({@code CREDIT_EXCEEDS_INVOICE}); a draft or void invoice is {@code ILLEGAL_TRANSITION}; NOT_FOUND for an unknown
 * invoice. Settled by refund at the payment provider (a paid invoice only) or on the customer's balance.
 */
public interface IssueCreditNoteUseCase {
    CreditNoteView issue(IssueCreditNoteCommand command);
}
