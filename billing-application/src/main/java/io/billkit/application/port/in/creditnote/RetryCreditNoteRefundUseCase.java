package io.billkit.application.port.in.creditnote;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.creditnote.CreditNoteId;

/**
 * Tries a credit note's refund again after it FAILED or stayed PENDING (the same idempotency key, so the provider
 * refunds once however often this runs); a note already refunded is returned unchanged.
 */
public interface RetryCreditNoteRefundUseCase {
    CreditNoteView retryRefund(CreditNoteId id, Actor actor);
}
