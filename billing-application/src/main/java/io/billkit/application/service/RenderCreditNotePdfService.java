package io.billkit.application.service;

import io.billkit.application.port.in.creditnote.RenderCreditNotePdfUseCase;
import io.billkit.application.port.in.invoice.RenderedInvoice;
import io.billkit.application.port.out.CreditNoteRenderer;
import io.billkit.application.port.out.CreditNoteStore;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.InvoiceDocument;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.domain.creditnote.CreditNote;
import io.billkit.domain.creditnote.CreditNoteId;
import io.billkit.domain.creditnote.CreditNoteReason;
import io.billkit.domain.creditnote.CreditNoteSettlement;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.money.Money;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Renders a credit note for download as {@code CN-2026-000001.pdf}: the credited invoice's document (seller, customer,
 * tax labels, from {@link InvoiceDocuments}) with the note's number, issue date, credited lines and amounts, a note
 * naming the credited invoice, the reason and the memo, and how the money goes back (refund or balance) where an
 * invoice prints its payment terms. The ETag is the quoted SHA-256 hex of the bytes.
 */
public final class RenderCreditNotePdfService implements RenderCreditNotePdfUseCase {
    private final InvoiceStore invoices;
    private final CustomerStore customers;
    private final CreditNoteRenderer renderer;
    private final InvoiceDocuments documents;
    private final CreditNoteViews views;

    public RenderCreditNotePdfService(CreditNoteStore notes, InvoiceStore invoices, CustomerStore customers,
                                      CreditNoteRenderer renderer, SellerProfile seller) {
        this.invoices = Objects.requireNonNull(invoices, "invoices");
        this.customers = Objects.requireNonNull(customers, "customers");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.documents = new InvoiceDocuments(seller);
        this.views = new CreditNoteViews(notes, invoices);
    }

    @Override
    public RenderedInvoice render(CreditNoteId id, Optional<CustomerId> owner) {
        CreditNote note = views.load(id, owner);
        Invoice invoice = InvoiceViews.load(invoices, note.invoiceId(), Optional.empty());
        Customer customer = Customers.require(customers, note.customerId());
        byte[] content = renderer.renderCreditNote(document(note, invoice, customer));
        return new RenderedInvoice(invoice.id(), note.number() + ".pdf", renderer.mediaType(), content,
                "\"" + Hashes.sha256Hex(content) + "\"");
    }

    InvoiceDocument document(CreditNote note, Invoice invoice, Customer customer) {
        InvoiceDocument base = documents.document(invoice, customer);
        LocalDate issued = LocalDate.ofInstant(note.issuedAt(), customer.timeZone());
        String periodNote = "Credit note for invoice " + note.invoiceNumber() + " · Reason: " + reasonText(note.reason())
                + (note.memo().isBlank() ? "" : " · " + note.memo());
        List<InvoiceDocument.Line> lines = note.lines().stream()
                .map(line -> new InvoiceDocument.Line("Credit: " + line.description(), "", "", line.amount())).toList();
        List<InvoiceDocument.TaxAmount> taxes = base.taxes().isEmpty() ? List.of()
                : List.of(new InvoiceDocument.TaxAmount(base.taxes().get(0).label(), base.taxes().get(0).ratePercent(),
                note.subtotal(), note.tax()));
        String settlement = note.settlement() == CreditNoteSettlement.REFUND
                ? "Refunded to the original payment method"
                : "Credited to your account balance, applied to your next invoices";
        return new InvoiceDocument("creditnote-" + note.id().value() + "-" + note.refundState().wireName(),
                base.seller(), base.customer(), note.number().toString(), statusText(note), issued, issued,
                invoice.periodStart(), invoice.periodEndInclusive(), periodNote, lines, note.subtotal(),
                Money.zero(note.currency()), note.tax(), base.taxLabel(), taxes, note.total(), note.total(), settlement,
                List.of(), base.footer());
    }

    private static String statusText(CreditNote note) {
        return switch (note.refundState()) {
            case SUCCEEDED -> "REFUNDED";
            case PENDING -> "REFUND PENDING";
            case FAILED -> "REFUND FAILED";
            case NOT_REFUNDED -> "CREDITED";
        };
    }

    private static String reasonText(CreditNoteReason reason) {
        String words = reason.wireName().replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1).toLowerCase(Locale.ROOT);
    }
}
