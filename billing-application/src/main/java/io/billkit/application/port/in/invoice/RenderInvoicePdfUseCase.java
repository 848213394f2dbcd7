package io.billkit.application.port.in.invoice;

/**
 * Renders an invoice as a PDF (deterministic bytes, so the ETag is stable).
 */
public interface RenderInvoicePdfUseCase {
    RenderedInvoice render(GetInvoiceQuery query);
}
