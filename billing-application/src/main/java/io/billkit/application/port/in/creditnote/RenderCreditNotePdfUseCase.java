package io.billkit.application.port.in.creditnote;

import io.billkit.application.port.in.invoice.RenderedInvoice;
import io.billkit.domain.creditnote.CreditNoteId;
import io.billkit.domain.customer.CustomerId;

import java.util.Optional;

/**
 * Renders a credit note for download ({@code CN-2026-000001.pdf}); NOT_FOUND when absent or another customer's.
 * The {@link RenderedInvoice#id()} is the credited invoice's id.
 */
public interface RenderCreditNotePdfUseCase {
    RenderedInvoice render(CreditNoteId id, Optional<CustomerId> owner);
}
