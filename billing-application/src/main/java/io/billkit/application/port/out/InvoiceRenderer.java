package io.billkit.application.port.out;

/** Renders an invoice to a printable document (PDF in the shipped adapter). */
public interface InvoiceRenderer {

    /**
     * Renders {@code document}. The same document renders to the same bytes (no wall-clock dates or
     * random ids inside), so a hash of the bytes is a stable ETag.
     *
     * @return the rendered bytes, never empty
     */
    byte[] render(InvoiceDocument document);

    /** The media type of {@link #render}'s output, e.g. {@code application/pdf}. */
    String mediaType();
}
