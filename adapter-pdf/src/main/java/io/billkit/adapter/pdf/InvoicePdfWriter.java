package io.billkit.adapter.pdf;

import io.billkit.application.port.out.InvoiceDocument;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * Lays out one invoice, page by page, and saves it: header, line items, totals, then footers; then the
 * structure tree and, for PDF/A-3 and Factur-X, the archival parts.
 */
final class InvoicePdfWriter {

    private final FontBundle fontBundle;
    private final PdfRenderOptions options;

    InvoicePdfWriter(FontBundle fontBundle, PdfRenderOptions options) {
        this.fontBundle = fontBundle;
        this.options = options;
    }

    byte[] write(InvoiceDocument invoice) throws IOException {
        return write(invoice, DocumentKind.INVOICE);
    }

    /** Lays out {@code invoice} as {@code kind}; a credit note carries no Factur-X invoice XML. */
    byte[] write(InvoiceDocument invoice, DocumentKind kind) throws IOException {
        try (PDDocument document = new PDDocument();
             DocumentFonts fonts = new DocumentFonts(document, fontBundle)) {
            DocumentIdentity.apply(document, invoice, kind);
            DocumentTags tags = new DocumentTags(document);
            Optional<PDImageXObject> logo = LogoImage.load(document, invoice.seller().logo(), invoice.number());
            InvoiceHeader header = new InvoiceHeader(invoice, options, logo, kind);
            LineItemTable table = new LineItemTable();
            TotalsBlock totals = new TotalsBlock(invoice, options, kind);

            try (PageFlow flow = new PageFlow(document, fonts, tags)) {
                flow.start();
                header.drawFirstPage(flow);
                table.drawHeader(flow);
                flow.continueWith(next -> {
                    header.drawContinuationPage(next);
                    table.drawHeader(next);
                });
                table.drawRows(flow, invoice.lines());
                flow.continueWith(header::drawContinuationPage);
                totals.draw(flow);
                flow.close();
                PageFurniture.draw(document, fonts, tags, flow.pages(), invoice);
            }
            tags.finish();
            if (options.format().archival()) {
                ArchivalPdf.apply(document, options.format() == PdfFormat.FACTUR_X && kind == DocumentKind.INVOICE
                        ? Optional.of(FacturXml.of(invoice)) : Optional.empty());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            document.save(out);
            return out.toByteArray();
        }
    }
}
