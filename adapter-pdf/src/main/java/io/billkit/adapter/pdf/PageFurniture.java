package io.billkit.adapter.pdf;

import io.billkit.application.port.out.InvoiceDocument;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

import java.io.IOException;
import java.util.List;

/**
 * Drawn on every page once the page count is known: the footer (who, which invoice, "Page n of m")
 * and the status stamp.
 */
final class PageFurniture {

    private PageFurniture() {
    }

    static void draw(PDDocument document, DocumentFonts fonts, DocumentTags tags, List<PDPage> pages,
                     InvoiceDocument invoice) throws IOException {
        TextStyle footer = TextStyle.regular(8f).colored(Layout.MUTED);
        for (int i = 0; i < pages.size(); i++) {
            try (PageCanvas canvas = new PageCanvas(document, pages.get(i), fonts, tags,
                    PDPageContentStream.AppendMode.APPEND)) {
                canvas.beginArtifact();
                canvas.rule(Layout.LEFT, Layout.RIGHT, Layout.FOOTER_RULE, 0.5f, Layout.RULE);
                canvas.text(invoice.seller().name() + "  ·  Invoice " + invoice.number(),
                        Layout.LEFT, Layout.FOOTER_BASELINE, footer);
                canvas.textRight("Page " + (i + 1) + " of " + pages.size(), Layout.RIGHT, Layout.FOOTER_BASELINE,
                        footer);
                canvas.endArtifact();
                StatusStamp.draw(canvas, invoice.status());
            }
        }
    }
}
