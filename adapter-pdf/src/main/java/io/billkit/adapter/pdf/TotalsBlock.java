package io.billkit.adapter.pdf;

import io.billkit.application.port.out.InvoiceDocument;
import io.billkit.domain.money.Money;

import java.io.IOException;
import java.util.List;

/**
 * The end of the invoice, kept together on the last page: subtotal, credits, tax, total and the
 * highlighted amount due on the right; payment terms, due date and the footer note on the left.
 */
final class TotalsBlock {

    private static final float LABEL_X = Layout.RIGHT - 236f;
    private static final float ROW = 18f;
    private static final float NOTE_WIDTH = LABEL_X - Layout.LEFT - 30f;

    private final InvoiceDocument invoice;
    private final PdfRenderOptions options;
    private final DocumentKind kind;

    TotalsBlock(InvoiceDocument invoice, PdfRenderOptions options) {
        this(invoice, options, DocumentKind.INVOICE);
    }

    TotalsBlock(InvoiceDocument invoice, PdfRenderOptions options, DocumentKind kind) {
        this.invoice = invoice;
        this.options = options;
        this.kind = kind;
    }

    void draw(PageFlow flow) throws IOException {
        List<String> paragraphs = new java.util.ArrayList<>();
        invoice.taxes().stream().map(InvoiceDocument.TaxAmount::note).filter(n -> !n.isBlank()).distinct()
                .forEach(paragraphs::add);
        paragraphs.addAll(invoice.paymentInstructions());
        if (!invoice.footer().isBlank()) {
            paragraphs.add(invoice.footer());
        }
        if (!options.footerNote().isBlank()) {
            paragraphs.add(options.footerNote());
        }
        List<String> note = new java.util.ArrayList<>();
        for (String paragraph : paragraphs) {
            note.addAll(TextWrapper.wrap(paragraph, NOTE_WIDTH,
                    line -> flow.canvas().width(line, TextStyle.regular(8.5f))));
        }
        float totalsHeight = 16f + (2 + Math.max(1, invoice.taxes().size())) * ROW + 24f + 30f;
        float termsHeight = 16f + 66f + note.size() * 11f + (note.isEmpty() ? 0f : 8f);
        flow.ensureRoom(Math.max(totalsHeight, termsHeight));
        float top = flow.y() - 16f;
        drawTotals(flow.canvas(), top);
        drawTerms(flow.canvas(), top, note);
        flow.moveDown(Math.max(totalsHeight, termsHeight));
    }

    private void drawTotals(PageCanvas canvas, float top) throws IOException {
        TextStyle label = TextStyle.regular(9.5f).colored(Layout.MUTED);
        TextStyle value = TextStyle.regular(9.5f);
        float y = top;
        y = row(canvas, y, "Subtotal", invoice.subtotal(), label, value);
        y = row(canvas, y, "Credits", invoice.credits(), label, value);
        if (invoice.taxes().isEmpty()) {
            y = row(canvas, y, invoice.taxLabel(), invoice.tax(), label, value);
        }
        for (InvoiceDocument.TaxAmount tax : invoice.taxes()) {
            y = row(canvas, y, tax.label() + " on " + Amounts.format(tax.taxable()), tax.tax(), label, value);
        }
        canvas.rule(LABEL_X - 6f, Layout.RIGHT, y - 2f, 0.8f, Layout.INK);
        y -= 6f;
        y = row(canvas, y, "Total", invoice.total(), TextStyle.bold(10.5f), TextStyle.bold(10.5f));
        float boxHeight = 26f;
        canvas.fill(LABEL_X - 6f, y - boxHeight - 2f, Layout.RIGHT - LABEL_X + 6f, boxHeight, Layout.DUE_FILL);
        TextStyle due = TextStyle.bold(11.5f).colored(Layout.ACCENT);
        float baseline = y - 19f;
        canvas.text(kind.dueLabel, LABEL_X, baseline, due);
        canvas.textRight(Amounts.format(invoice.amountDue()), LineItemTable.AMOUNT_RIGHT, baseline, due);
    }

    private static float row(PageCanvas canvas, float y, String label, Money amount, TextStyle labelStyle,
                             TextStyle valueStyle) throws IOException {
        float baseline = y - 13f;
        canvas.text(label, LABEL_X, baseline, labelStyle);
        canvas.textRight(Amounts.format(amount), LineItemTable.AMOUNT_RIGHT, baseline, valueStyle);
        return y - ROW;
    }

    private void drawTerms(PageCanvas canvas, float top, List<String> note) throws IOException {
        TextStyle heading = TextStyle.bold(8f).colored(Layout.MUTED);
        canvas.text("PAYMENT TERMS", Layout.LEFT, top - 13f, heading);
        canvas.text(invoice.paymentTerms(), Layout.LEFT, top - 27f, TextStyle.regular(9.5f));
        canvas.text("DUE DATE", Layout.LEFT, top - 47f, heading);
        canvas.text(options.dateFormat().format(invoice.dueDate()), Layout.LEFT, top - 61f, TextStyle.bold(9.5f));
        float y = top - 84f;
        for (String line : note) {
            canvas.text(line, Layout.LEFT, y, TextStyle.regular(8.5f).colored(Layout.MUTED));
            y -= 11f;
        }
    }
}
