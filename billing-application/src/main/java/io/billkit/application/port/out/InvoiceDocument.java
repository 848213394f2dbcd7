package io.billkit.application.port.out;

import io.billkit.domain.money.Money;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Everything printed on an invoice, already formatted for a reader: the renderer lays it out and
 * adds nothing. Amounts are the invoice's rounded line amounts, so the printed totals add up.
 *
 * @param documentId  stable id of the rendered document (the same invoice renders the same bytes)
 * @param seller      who issues the invoice
 * @param customer    who is billed
 * @param number      the invoice number, e.g. {@code INV-2026-000042}
 * @param status      DRAFT, OPEN, PAID, VOID or UNCOLLECTIBLE
 * @param issueDate   date the invoice was finalized (in the customer's time zone)
 * @param dueDate     date payment is due
 * @param periodStart first day of the billed period
 * @param periodEnd   last day of the billed period (inclusive, as printed)
 * @param lines       the line items in print order (never the totals)
 * @param subtotal    sum of the charge lines
 * @param credits     credits applied (zero or negative)
 * @param tax         tax amount
 * @param taxLabel    e.g. {@code Tax (20%)}
 * @param total       subtotal + credits + tax
 * @param amountDue   what the customer still owes
 * @param paymentTerms e.g. {@code Net 30}
 */
public record InvoiceDocument(String documentId, Party seller, Party customer, String number, String status,
                              LocalDate issueDate, LocalDate dueDate, LocalDate periodStart, LocalDate periodEnd,
                              List<Line> lines, Money subtotal, Money credits, Money tax, String taxLabel,
                              Money total, Money amountDue, String paymentTerms) {
    public InvoiceDocument {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(issueDate, "issueDate");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        Objects.requireNonNull(subtotal, "subtotal");
        Objects.requireNonNull(credits, "credits");
        Objects.requireNonNull(tax, "tax");
        Objects.requireNonNull(taxLabel, "taxLabel");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(amountDue, "amountDue");
        Objects.requireNonNull(paymentTerms, "paymentTerms");
    }

    /**
     * A seller or customer block: name, address lines, email and an optional logo (PNG or JPEG
     * bytes; empty array when there is none).
     */
    public record Party(String name, List<String> addressLines, String email, byte[] logo) {
        public Party {
            Objects.requireNonNull(name, "name");
            addressLines = List.copyOf(Objects.requireNonNull(addressLines, "addressLines"));
            Objects.requireNonNull(email, "email");
            logo = Objects.requireNonNull(logo, "logo").clone();
        }

        @Override
        public byte[] logo() {
            return logo.clone();
        }
    }

    /** One printed line: description, quantity and unit price as text (may be empty), amount. */
    public record Line(String description, String quantity, String unitPrice, Money amount) {
        public Line {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(quantity, "quantity");
            Objects.requireNonNull(unitPrice, "unitPrice");
            Objects.requireNonNull(amount, "amount");
        }
    }
}
