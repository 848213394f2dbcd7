package io.billkit.domain.creditnote;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.invoice.InvoiceTotals;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What is left to credit on a finalized invoice after its earlier credit notes, and the amounts of a new note.
 * Pure.
 *
 * <p>Per line: a charge line with a positive amount may be credited up to its amount minus what earlier notes
 * credited on it; other lines (credits applied, negative prorations or adjustments) are not creditable. In
 * total: the net credited by all notes never exceeds the invoice's taxable amount, and their tax never exceeds
 * the invoice's tax, so a note never gives back more than was invoiced net of earlier notes.
 *
 * <p>Tax of a note (the invoice's exclusive rate applied proportionally): {@code net x rate}, rounded HALF_UP
 * once per note, capped at the tax left; the note that credits the last of the net gets exactly the tax left, so
 * the notes' taxes add up to the invoice's tax to the cent (the rounding differences end on the last note).
 */
public final class Creditable {
    private final Invoice invoice;
    private final List<Money> remainingPerLine;
    private final Money remainingNet;
    private final Money remainingTax;

    private Creditable(Invoice invoice, List<Money> remainingPerLine, Money remainingNet, Money remainingTax) {
        this.invoice = invoice;
        this.remainingPerLine = List.copyOf(remainingPerLine);
        this.remainingNet = remainingNet;
        this.remainingTax = remainingTax;
    }

    /** The amounts of one note: its lines, net subtotal, tax and total. */
    public record Amounts(List<CreditNoteLine> lines, Money subtotal, Money tax, Money total) {
        public Amounts {
            lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
            Objects.requireNonNull(subtotal, "subtotal");
            Objects.requireNonNull(tax, "tax");
            Objects.requireNonNull(total, "total");
        }
    }

    /**
     * What is left of {@code invoice} after {@code earlier} notes (all of this invoice). Only a finalized invoice
     * that is not void can be credited ({@link ErrorCode#ILLEGAL_TRANSITION} otherwise).
     */
    public static Creditable of(Invoice invoice, List<CreditNote> earlier) {
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(earlier, "earlier");
        if (invoice.number().isEmpty() || invoice.status() == InvoiceStatus.DRAFT || invoice.status() == InvoiceStatus.VOID) {
            throw new BillingException(ErrorCode.ILLEGAL_TRANSITION, "invoice " + invoice.id() + " is " + invoice.status()
                    + ": only a finalized invoice that is not void can be credited");
        }
        Money zero = Money.zero(invoice.currency());
        List<Money> perLine = new ArrayList<>();
        for (InvoiceLine line : invoice.lines()) {
            perLine.add(line.isCharge() && line.amount().isPositive() ? line.amount() : zero);
        }
        Money net = zero;
        Money tax = zero;
        for (CreditNote note : earlier) {
            BillingException.require(note.invoiceId().equals(invoice.id()), "credit note " + note.number()
                    + " is not of invoice " + invoice.id());
            for (CreditNoteLine line : note.lines()) {
                BillingException.require(line.invoiceLine() < perLine.size(), "credit note " + note.number()
                        + " names line " + line.invoiceLine() + " the invoice does not have");
                perLine.set(line.invoiceLine(), perLine.get(line.invoiceLine()).minus(line.amount()).max(zero));
            }
            net = net.plus(note.subtotal());
            tax = tax.plus(note.tax());
        }
        InvoiceTotals totals = invoice.totals();
        return new Creditable(invoice, perLine, totals.taxable().minus(net).max(zero), totals.tax().minus(tax).max(zero));
    }

    /** Net amount (before tax) still creditable. */
    public Money remainingNet() {
        return remainingNet;
    }

    /** Tax still creditable. */
    public Money remainingTax() {
        return remainingTax;
    }

    /** What the customer can still get back: remaining net plus remaining tax. */
    public Money remainingTotal() {
        return remainingNet.plus(remainingTax);
    }

    /** What is left to credit on the invoice's line {@code index} (zero for lines that are not creditable). */
    public Money remainingForLine(int index) {
        requireIndex(index);
        return remainingPerLine.get(index);
    }

    /**
     * A note crediting {@code requested}: per invoice line index, the net amount to credit, or empty for all that
     * is left of that line. INVALID_ARGUMENT for an unknown or non-creditable line or a non-positive amount;
     * {@link ErrorCode#CREDIT_EXCEEDS_INVOICE} when a line or the invoice has less left.
     */
    public Amounts credit(Map<Integer, Optional<Money>> requested) {
        Objects.requireNonNull(requested, "requested");
        BillingException.require(!requested.isEmpty(), "a credit note needs at least one line");
        Money zero = Money.zero(invoice.currency());
        List<CreditNoteLine> lines = new ArrayList<>();
        Money net = zero;
        for (Map.Entry<Integer, Optional<Money>> entry : requested.entrySet()) {
            int index = Objects.requireNonNull(entry.getKey(), "line");
            requireIndex(index);
            InvoiceLine line = invoice.lines().get(index);
            BillingException.require(line.isCharge() && line.amount().isPositive(),
                    "line " + index + " ('" + line.description() + "') is not a charge and cannot be credited");
            Money left = remainingPerLine.get(index);
            Money amount = Objects.requireNonNull(entry.getValue(), "amount of line " + index).orElse(left);
            BillingException.require(amount.currency().equals(invoice.currency()), "line " + index + ": amount in "
                    + amount.currencyCode() + " but the invoice is in " + invoice.currency().getCurrencyCode());
            if (left.isZero()) {
                throw new BillingException(ErrorCode.CREDIT_EXCEEDS_INVOICE, "line " + index + " ('" + line.description()
                        + "') is fully credited already");
            }
            BillingException.require(amount.isPositive(), "line " + index + ": amount must be positive but was " + amount);
            if (amount.isGreaterThan(left)) {
                throw new BillingException(ErrorCode.CREDIT_EXCEEDS_INVOICE, "line " + index + " ('" + line.description()
                        + "') has " + left + " left to credit, " + amount + " was asked");
            }
            lines.add(new CreditNoteLine(index, line.description(), amount));
            net = net.plus(amount);
        }
        return amounts(lines, net);
    }

    /** A note crediting everything that is left (every creditable line's remainder, capped at the net left). */
    public Amounts whole() {
        Map<Integer, Optional<Money>> all = new LinkedHashMap<>();
        Money budget = remainingNet;
        for (int i = 0; i < remainingPerLine.size() && budget.isPositive(); i++) {
            Money take = remainingPerLine.get(i).min(budget);
            if (take.isPositive()) {
                all.put(i, Optional.of(take));
                budget = budget.minus(take);
            }
        }
        if (all.isEmpty()) {
            throw new BillingException(ErrorCode.CREDIT_EXCEEDS_INVOICE, "invoice " + invoice.id()
                    + " has nothing left to credit");
        }
        return credit(all);
    }

    /**
     * A note for a refund of {@code gross} (tax included) made at the payment provider: the whole remainder when
     * {@code gross} is all that is left; otherwise net {@code = gross / (1 + rate)} rounded HALF_UP and tax the
     * difference, the net spread over the lines in invoice order. {@link ErrorCode#CREDIT_EXCEEDS_INVOICE} when
     * more than is left.
     */
    public Amounts forTotal(Money gross) {
        Objects.requireNonNull(gross, "gross");
        BillingException.require(gross.isPositive(), "a refunded amount must be positive but was " + gross);
        if (gross.isGreaterThan(remainingTotal())) {
            throw new BillingException(ErrorCode.CREDIT_EXCEEDS_INVOICE, "invoice " + invoice.id() + " has "
                    + remainingTotal() + " left to credit, " + gross + " was refunded");
        }
        if (gross.isEqualTo(remainingTotal())) {
            return whole();
        }
        Money net = gross.dividedBy(BigDecimal.ONE.add(invoice.taxRate()), RoundingMode.HALF_UP).min(remainingNet);
        Money tax = gross.minus(net);
        if (tax.isGreaterThan(remainingTax)) {
            tax = remainingTax;
            net = gross.minus(tax);
        }
        List<CreditNoteLine> lines = new ArrayList<>();
        Money budget = net;
        for (int i = 0; i < remainingPerLine.size() && budget.isPositive(); i++) {
            Money take = remainingPerLine.get(i).min(budget);
            if (take.isPositive()) {
                lines.add(new CreditNoteLine(i, invoice.lines().get(i).description(), take));
                budget = budget.minus(take);
            }
        }
        if (budget.isPositive() || lines.isEmpty()) {
            throw new BillingException(ErrorCode.CREDIT_EXCEEDS_INVOICE, "invoice " + invoice.id()
                    + " lines have less left to credit than " + net);
        }
        return new Amounts(lines, net, tax, gross);
    }

    private Amounts amounts(List<CreditNoteLine> lines, Money net) {
        if (net.isGreaterThan(remainingNet)) {
            throw new BillingException(ErrorCode.CREDIT_EXCEEDS_INVOICE, "invoice " + invoice.id() + " has "
                    + remainingNet + " (net of tax) left to credit, " + net + " was asked");
        }
        Money tax = net.isEqualTo(remainingNet) ? remainingTax
                : net.times(invoice.taxRate(), RoundingMode.HALF_UP).min(remainingTax);
        return new Amounts(lines, net, tax, net.plus(tax));
    }

    private void requireIndex(int index) {
        BillingException.require(index >= 0 && index < remainingPerLine.size(), "line " + index
                + " does not exist: the invoice has lines 0.." + (remainingPerLine.size() - 1));
    }
}
