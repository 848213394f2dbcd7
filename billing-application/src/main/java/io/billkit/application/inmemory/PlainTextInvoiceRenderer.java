package io.billkit.application.inmemory;

import io.billkit.application.port.out.CreditNoteRenderer;
import io.billkit.application.port.out.InvoiceDocument;
import io.billkit.application.port.out.InvoiceRenderer;

import java.nio.charset.StandardCharsets;

/**
 * Renders an invoice (or a credit note) as UTF-8 plain text, one line per item and total. For tests and embedders that do
 * not ship the PDF adapter; deterministic like every renderer.
 */
public final class PlainTextInvoiceRenderer implements InvoiceRenderer, CreditNoteRenderer {

    @Override
    public byte[] render(InvoiceDocument document) {
        return text(document.threshold() ? "THRESHOLD INVOICE " : "INVOICE ", document);
    }

    /** Like an invoice, titled {@code CREDIT NOTE} and with the note naming the credited invoice. */
    @Override
    public byte[] renderCreditNote(InvoiceDocument document) {
        return text("CREDIT NOTE ", document);
    }

    private static byte[] text(String title, InvoiceDocument document) {
        StringBuilder out = new StringBuilder();
        if (!document.periodNote().isEmpty() && title.startsWith("CREDIT")) {
            out.append(document.periodNote()).append('\n');
        }
        out.append(title).append(document.number()).append(" (").append(document.status()).append(")\n");
        out.append("From: ").append(document.seller().name()).append('\n');
        out.append("To: ").append(document.customer().name()).append('\n');
        out.append("Issued: ").append(document.issueDate()).append("  Due: ").append(document.dueDate()).append('\n');
        out.append("Period: ").append(document.periodStart()).append(" - ").append(document.periodEnd()).append('\n');
        for (InvoiceDocument.Line line : document.lines()) {
            out.append(line.description()).append(" | ").append(line.quantity()).append(" | ")
                    .append(line.unitPrice()).append(" | ").append(line.amount()).append('\n');
        }
        out.append("Subtotal: ").append(document.subtotal()).append('\n');
        out.append("Credits: ").append(document.credits()).append('\n');
        out.append(document.taxLabel()).append(": ").append(document.tax()).append('\n');
        out.append("Total: ").append(document.total()).append('\n');
        out.append("Amount due: ").append(document.amountDue()).append('\n');
        out.append("Terms: ").append(document.paymentTerms()).append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String mediaType() {
        return "text/plain; charset=utf-8";
    }
}
