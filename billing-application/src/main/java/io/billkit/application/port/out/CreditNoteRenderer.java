package io.billkit.application.port.out;

/**
 * Renders a credit note to a printable document (PDF in the shipped adapter). The document is an
 * {@link InvoiceDocument} whose number is the credit note's ({@code CN-2026-000001}), whose lines are the credited
 * lines and whose {@code periodNote} names the credited invoice; the renderer titles it a credit note.
 */
public interface CreditNoteRenderer {

    /** Renders {@code document} deterministically (the same document gives the same bytes). */
    byte[] renderCreditNote(InvoiceDocument document);

    /** The media type of the output, e.g. {@code application/pdf}. */
    String mediaType();
}
