package io.billkit.adapter.pdf;

import io.billkit.application.port.out.CreditNoteRenderer;
import io.billkit.application.port.out.InvoiceDocument;
import io.billkit.application.port.out.InvoiceRenderer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * {@link InvoiceRenderer} that prints an A4 PDF with Apache PDFBox: seller with logo, customer,
 * invoice facts and a diagonal status stamp (PAID, VOID, ...), a line-item table that flows over as
 * many pages as needed with its header repeated, "Page n of m", and the totals, payment terms and
 * due date on the last page.
 *
 * <p>Text is drawn with fonts shipped in this module and embedded as subsets: DejaVu Sans (Latin,
 * Greek, Cyrillic, Hebrew) with Droid Sans Fallback for Chinese, Japanese and Korean, chosen per
 * character. Right-to-left text is reordered for display (see {@code BidiText}); characters no font
 * has print as U+FFFD (the replacement character).
 *
 * <p>Output is deterministic: the same {@link InvoiceDocument} and options give byte-identical PDFs
 * (trailer id from {@link InvoiceDocument#documentId()}, dates from the issue date, no XMP). The
 * fonts (about 5 MB) are read once per renderer; {@link #render} is thread-safe.
 */
public final class PdfInvoiceRenderer implements InvoiceRenderer, CreditNoteRenderer {

    /** The media type of every rendered document. */
    public static final String MEDIA_TYPE = "application/pdf";

    private final InvoicePdfWriter writer;

    /** A renderer with {@link PdfRenderOptions#defaults()}. */
    public PdfInvoiceRenderer() {
        this(PdfRenderOptions.defaults());
    }

    /** A renderer with the given presentation options (not null). */
    public PdfInvoiceRenderer(PdfRenderOptions options) {
        Objects.requireNonNull(options, "options");
        this.writer = new InvoicePdfWriter(FontBundle.shipped(), options);
    }

    /**
     * @throws UncheckedIOException if PDFBox fails to build the document (a bug or a broken font
     *                              resource, not bad invoice data: unknown characters print as
     *                              {@code ?} and an unreadable logo is left out)
     */
    @Override
    public byte[] render(InvoiceDocument document) {
        Objects.requireNonNull(document, "document");
        try {
            return writer.write(document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render invoice " + document.number() + " to PDF", e);
        }
    }

    /**
     * Renders a credit note with the invoice's layout and parts: titled CREDIT NOTE, its number labelled as a
     * credit note's, "Total credited" in the due box (PDF/A-3 when archival; no Factur-X invoice XML).
     */
    @Override
    public byte[] renderCreditNote(InvoiceDocument document) {
        Objects.requireNonNull(document, "document");
        try {
            return writer.write(document, DocumentKind.CREDIT_NOTE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render credit note " + document.number() + " to PDF", e);
        }
    }

    @Override
    public String mediaType() {
        return MEDIA_TYPE;
    }
}
