package io.billkit.application.port.in.creditnote;

import io.billkit.domain.creditnote.CreditNoteId;
import io.billkit.domain.customer.CustomerId;

import java.util.Optional;

/** One credit note; NOT_FOUND when absent or, with {@code owner} present, another customer's. */
public interface GetCreditNoteUseCase {
    CreditNoteView get(CreditNoteId id, Optional<CustomerId> owner);
}
