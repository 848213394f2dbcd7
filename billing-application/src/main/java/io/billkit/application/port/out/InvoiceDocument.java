package io.billkit.application.port.out;

import io.billkit.domain.customer.TaxId;
import io.billkit.domain.invoice.TaxTreatment;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything printed on an invoice, already formatted for a reader: the renderer lays it out and
 * adds nothing. Amounts are the invoice's rounded line amounts, so the printed totals add up.
 *
 * @param documentId          stable id of the rendered document (the same invoice renders the same bytes)
 * @param seller              who issues the invoice
 * @param customer            who is billed
 * @param number              the invoice number, e.g. {@code INV-2026-000042}
 * @param status              DRAFT, OPEN, PAID, VOID or UNCOLLECTIBLE
 * @param issueDate           date the invoice was finalized (in the customer's time zone)
 * @param dueDate             date payment is due
 * @param periodStart         first day of the billed period
 * @param periodEnd           last day billed (inclusive, as printed): the period's last day, or the day of
 *                            the cancel for a final invoice after an immediate cancel
 * @param periodNote          a note on the period, e.g. {@code Cancelled on 14 Jul 2026; plan period 1 Jul 2026 –
 *                            31 Jul 2026}; empty when the whole period was billed
 * @param lines               the line items in print order (never the totals)
 * @param subtotal            sum of the charge lines
 * @param credits             credits applied (zero or negative)
 * @param tax                 tax amount (the sum of {@code taxes})
 * @param taxLabel            e.g. {@code Tax (20%)}
 * @param taxes               tax per rate with its taxable base (one entry per rate; empty without tax)
 * @param total               subtotal + credits + tax
 * @param amountDue           what the customer still owes
 * @param paymentTerms        e.g. {@code Net 30}
 * @param paymentInstructions how to pay (bank details), one printed line each; may be empty
 * @param footer              a closing note printed at the end; may be empty
 */
public record InvoiceDocument(String documentId, Party seller, Party customer, String number, String status,
                              LocalDate issueDate, LocalDate dueDate, LocalDate periodStart, LocalDate periodEnd,
                              String periodNote, List<Line> lines, Money subtotal, Money credits, Money tax,
                              String taxLabel, List<TaxAmount> taxes, Money total, Money amountDue,
                              String paymentTerms, List<String> paymentInstructions, String footer) {
    /** How {@code periodNote} starts on a threshold invoice (progressive billing); renderers title it so. */
    public static final String THRESHOLD_NOTE = "Threshold invoice";

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
        Objects.requireNonNull(periodNote, "periodNote");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        Objects.requireNonNull(subtotal, "subtotal");
        Objects.requireNonNull(credits, "credits");
        Objects.requireNonNull(tax, "tax");
        Objects.requireNonNull(taxLabel, "taxLabel");
        taxes = List.copyOf(Objects.requireNonNull(taxes, "taxes"));
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(amountDue, "amountDue");
        Objects.requireNonNull(paymentTerms, "paymentTerms");
        paymentInstructions = List.copyOf(Objects.requireNonNull(paymentInstructions, "paymentInstructions"));
        Objects.requireNonNull(footer, "footer");
    }

    /** A document without period note, tax breakdown, payment instructions or footer. */
    public InvoiceDocument(String documentId, Party seller, Party customer, String number, String status,
                           LocalDate issueDate, LocalDate dueDate, LocalDate periodStart, LocalDate periodEnd,
                           List<Line> lines, Money subtotal, Money credits, Money tax, String taxLabel,
                           Money total, Money amountDue, String paymentTerms) {
        this(documentId, seller, customer, number, status, issueDate, dueDate, periodStart, periodEnd, "", lines,
                subtotal, credits, tax, taxLabel, List.of(), total, amountDue, paymentTerms, List.of(), "");
    }

    /** The currency of every amount. */
    public java.util.Currency currency() {
        return total.currency();
    }

    /**
     * A seller or customer block: name, address lines, email, an optional logo (PNG or JPEG bytes;
     * empty array when there is none), the party's tax id and its ISO 3166-1 alpha-2 country code
     * (empty when unknown).
     */
    public record Party(String name, List<String> addressLines, String email, byte[] logo, Optional<TaxId> taxId,
                        String countryCode) {
        public Party {
            Objects.requireNonNull(name, "name");
            addressLines = List.copyOf(Objects.requireNonNull(addressLines, "addressLines"));
            Objects.requireNonNull(email, "email");
            logo = Objects.requireNonNull(logo, "logo").clone();
            Objects.requireNonNull(taxId, "taxId");
            Objects.requireNonNull(countryCode, "countryCode");
        }

        /** A party without tax id or country. */
        public Party(String name, List<String> addressLines, String email, byte[] logo) {
            this(name, addressLines, email, logo, Optional.empty(), "");
        }

        @Override
        public byte[] logo() {
            return logo.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Party that && name.equals(that.name) && addressLines.equals(that.addressLines)
                    && email.equals(that.email) && Arrays.equals(logo, that.logo) && taxId.equals(that.taxId)
                    && countryCode.equals(that.countryCode);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, addressLines, email, Arrays.hashCode(logo), taxId, countryCode);
        }
    }

    /**
     * One printed line: description, quantity and unit price as text (may be empty), amount, and the
     * rows printed under it (a tiered line's per-tier breakdown; empty for most lines).
     */
    public record Line(String description, String quantity, String unitPrice, Money amount, List<Detail> details) {
        public Line {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(quantity, "quantity");
            Objects.requireNonNull(unitPrice, "unitPrice");
            Objects.requireNonNull(amount, "amount");
            details = List.copyOf(Objects.requireNonNull(details, "details"));
        }

        /** A line without detail rows. */
        public Line(String description, String quantity, String unitPrice, Money amount) {
            this(description, quantity, unitPrice, amount, List.of());
        }
    }

    /**
     * A row under a line, all text: e.g. {@code Tier 2: 100,001 – 1,000,000}, {@code 900,000 calls},
     * {@code USD 0.00002}, {@code USD 18.00}.
     */
    public record Detail(String description, String quantity, String unitPrice, String amount) {
        public Detail {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(quantity, "quantity");
            Objects.requireNonNull(unitPrice, "unitPrice");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /**
     * The tax of one rate: {@code label} (e.g. {@code VAT 20%}), the rate as a percentage ({@code 20}),
     * the taxable base it applies to, the tax, how tax applies ({@link TaxTreatment#REVERSE_CHARGE} is
     * Factur-X category {@code AE}) and the legal note to print with it (e.g. {@code Reverse charge}; may be
     * empty).
     */
    public record TaxAmount(String label, BigDecimal ratePercent, Money taxable, Money tax, TaxTreatment treatment,
                            String note) {
        public TaxAmount {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(ratePercent, "ratePercent");
            Objects.requireNonNull(taxable, "taxable");
            Objects.requireNonNull(tax, "tax");
            Objects.requireNonNull(treatment, "treatment");
            Objects.requireNonNull(note, "note");
        }

        /** A standard-rated tax without note. */
        public TaxAmount(String label, BigDecimal ratePercent, Money taxable, Money tax) {
            this(label, ratePercent, taxable, tax, TaxTreatment.STANDARD, "");
        }
    }

    /** True for a threshold invoice (its {@code periodNote} starts with {@link #THRESHOLD_NOTE}). */
    public boolean threshold() {
        return periodNote.startsWith(THRESHOLD_NOTE);
    }
}
