package io.billkit.adapter.pdf;

import io.billkit.application.port.out.InvoiceDocument;
import io.billkit.application.port.out.InvoiceDocument.Party;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The top of the invoice: on the first page the seller (logo, name, address, email), the title and
 * the invoice facts (number, status, dates, period) and the customer; on later pages one line that
 * says whose invoice continues.
 */
final class InvoiceHeader {

    private static final float LOGO_MAX_WIDTH = 160f;
    private static final float LOGO_MAX_HEIGHT = 54f;
    private static final float META_LABEL_X = Layout.RIGHT - 215f;
    private static final float LEADING = 12.5f;

    private final InvoiceDocument invoice;
    private final PdfRenderOptions options;
    private final Optional<PDImageXObject> logo;
    private final DocumentKind kind;

    InvoiceHeader(InvoiceDocument invoice, PdfRenderOptions options, Optional<PDImageXObject> logo) {
        this(invoice, options, logo, DocumentKind.INVOICE);
    }

    InvoiceHeader(InvoiceDocument invoice, PdfRenderOptions options, Optional<PDImageXObject> logo, DocumentKind kind) {
        this.kind = kind;
        this.invoice = invoice;
        this.options = options;
        this.logo = logo;
    }

    void drawFirstPage(PageFlow flow) throws IOException {
        PageCanvas canvas = flow.canvas();
        float top = flow.y();
        float sellerBottom = drawSeller(canvas, top);
        float metaBottom = drawFacts(canvas, top);
        float y = Math.min(sellerBottom, metaBottom) - 26f;
        canvas.text("BILL TO", Layout.LEFT, y, TextStyle.bold(8f).colored(Layout.MUTED));
        y = drawParty(canvas, invoice.customer(), y - 16f, TextStyle.bold(11f), Layout.WIDTH / 2f);
        flow.moveTo(y - 22f);
    }

    void drawContinuationPage(PageFlow flow) throws IOException {
        PageCanvas canvas = flow.canvas();
        float baseline = flow.y() - 10f;
        canvas.text(invoice.seller().name(), Layout.LEFT, baseline, TextStyle.bold(10f));
        canvas.textRight(kind.name + " " + invoice.number() + " (continued)", Layout.RIGHT, baseline,
                TextStyle.regular(9f).colored(Layout.MUTED));
        canvas.rule(Layout.LEFT, Layout.RIGHT, baseline - 8f, 0.6f, Layout.RULE);
        flow.moveTo(baseline - 24f);
    }

    /** Logo, then the seller's name and address; returns the lowest baseline used. */
    private float drawSeller(PageCanvas canvas, float top) throws IOException {
        float y = top;
        if (logo.isPresent()) {
            PDImageXObject image = logo.get();
            float scale = Math.min(LOGO_MAX_WIDTH / image.getWidth(), LOGO_MAX_HEIGHT / image.getHeight());
            float width = image.getWidth() * scale;
            float height = image.getHeight() * scale;
            canvas.image(image, Layout.LEFT, top - height, width, height, invoice.seller().name() + " logo");
            y = top - height - 6f;
        }
        return drawParty(canvas, invoice.seller(), y - 14f, TextStyle.bold(13f), META_LABEL_X - Layout.LEFT - 20f);
    }

    /** Name (wrapped), address lines and email from {@code baseline} down; returns the last baseline. */
    private static float drawParty(PageCanvas canvas, Party party, float baseline, TextStyle nameStyle, float width)
            throws IOException {
        float y = baseline;
        List<String> nameLines = TextWrapper.wrap(party.name(), width,
                line -> canvas.width(line, nameStyle));
        for (int i = 0; i < nameLines.size(); i++) {
            if (i > 0) {
                y -= nameStyle.size() * 1.2f;
            }
            canvas.text(nameLines.get(i), Layout.LEFT, y, nameStyle);
        }
        y -= 4f;
        TextStyle detail = TextStyle.regular(9f).colored(Layout.INK);
        List<String> details = new ArrayList<>(party.addressLines());
        if (!party.email().isBlank()) {
            details.add(party.email());
        }
        party.taxId().ifPresent(id -> details.add(id.printed()));
        for (String detailLine : details) {
            for (String line : TextWrapper.wrap(detailLine, width, l -> canvas.width(l, detail))) {
                y -= LEADING;
                canvas.text(line, Layout.LEFT, y, detail);
            }
        }
        return y;
    }

    /** "INVOICE" (or "THRESHOLD INVOICE") and the facts table on the right; returns the last baseline. */
    private float drawFacts(PageCanvas canvas, float top) throws IOException {
        canvas.textRight(kind == DocumentKind.INVOICE && invoice.threshold() ? "THRESHOLD INVOICE" : kind.heading,
                Layout.RIGHT, top - 20f, TextStyle.bold(22f).colored(Layout.ACCENT));
        TextStyle label = TextStyle.regular(9f).colored(Layout.MUTED);
        TextStyle value = TextStyle.regular(9f);
        float y = top - 46f;
        String[][] facts = {
                {kind.numberLabel, invoice.number()},
                {"Status", invoice.status()},
                {"Issue date", date(invoice.issueDate())},
                {kind == DocumentKind.INVOICE ? "Due date" : "Credited on", date(invoice.dueDate())},
                {"Billing period", date(invoice.periodStart()) + " – " + date(invoice.periodEnd())},
        };
        for (String[] fact : facts) {
            canvas.text(fact[0], META_LABEL_X, y, label);
            TextStyle style = fact[0].equals("Status")
                    ? TextStyle.bold(9f).colored(StatusStamp.colorOf(invoice.status()).orElse(Layout.INK))
                    : fact[0].equals(kind.numberLabel) ? TextStyle.bold(9f) : value;
            canvas.textRight(fact[1], Layout.RIGHT, y, style);
            y -= 14f;
        }
        if (!invoice.periodNote().isBlank()) {
            for (String line : TextWrapper.wrap(invoice.periodNote(), 215f, l -> canvas.width(l, label))) {
                canvas.textRight(line, Layout.RIGHT, y, label);
                y -= 12f;
            }
        }
        return y + 14f;
    }

    private String date(LocalDate date) {
        return options.dateFormat().format(date);
    }
}
