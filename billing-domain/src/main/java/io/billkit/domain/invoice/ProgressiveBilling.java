package io.billkit.domain.invoice;

import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.invoice.InvoiceLine.ThresholdBilledLine;
import io.billkit.domain.invoice.InvoiceLine.UsageLine;
import io.billkit.domain.money.Money;

import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The arithmetic of progressive billing (pure). Every invoice of a period with threshold invoices repeats the
 * period's usage lines as accrued when it is drafted and deducts, per meter, what the period's earlier (not
 * voided) threshold invoices billed for that meter ({@link ThresholdBilledLine}s). Its tax is likewise the tax of
 * the accrued lines minus the tax those invoices charged, per tax line. So what the period's invoices bill adds
 * up, line by line and to the cent, to the one invoice the period would have had without thresholds; a voided
 * threshold invoice simply stops counting as billed.
 */
public final class ProgressiveBilling {
    private ProgressiveBilling() {
    }

    /** The accrued usage charges of {@code lines}: the sum of their usage lines (before discounts and tax). */
    public static Money accruedUsage(Currency currency, List<? extends InvoiceLine> lines) {
        Money sum = Money.zero(currency);
        for (InvoiceLine line : lines) {
            if (line instanceof UsageLine usage) {
                sum = sum.plus(usage.amount());
            }
        }
        return sum;
    }

    /**
     * The accrued usage a threshold invoice was issued for: the sum of its usage lines (they are the period's
     * usage as accrued when it was drafted).
     */
    public static Money accruedAt(Invoice thresholdInvoice) {
        return accruedUsage(thresholdInvoice.currency(), thresholdInvoice.lines());
    }

    /** Only the invoices that count as billed: not VOID (a DRAFT left by a crash counts: it will be finalized). */
    public static List<Invoice> billed(List<Invoice> thresholdInvoices) {
        return thresholdInvoices.stream().filter(i -> i.status() != InvoiceStatus.VOID).toList();
    }

    /** Per meter, what {@code invoices} billed for its usage: their usage lines plus their deductions. */
    public static Map<MeterKey, Money> billedPerMeter(Currency currency, List<Invoice> invoices) {
        Map<MeterKey, Money> billed = new LinkedHashMap<>();
        for (Invoice invoice : invoices) {
            for (InvoiceLine line : invoice.lines()) {
                if (line instanceof UsageLine usage) {
                    billed.merge(usage.meter(), usage.amount(), Money::plus);
                } else if (line instanceof ThresholdBilledLine deduction) {
                    billed.merge(deduction.meter(), deduction.amount(), Money::plus);
                }
            }
        }
        billed.values().forEach(m -> Money.zero(currency).plus(m)); // CURRENCY_MISMATCH for another currency
        return billed;
    }

    /**
     * The deduction lines for what {@code billedInvoices} (finalized, not voided threshold invoices of the period)
     * billed: one per meter with a positive amount billed, in the order the meters first appear, e.g.
     * {@code API calls overage billed on INV-2026-000003, INV-2026-000005}.
     */
    public static List<InvoiceLine> deductions(Currency currency, List<Invoice> billedInvoices) {
        Objects.requireNonNull(currency, "currency");
        Map<MeterKey, Money> billed = billedPerMeter(currency, billedInvoices);
        Map<MeterKey, String> names = new LinkedHashMap<>();
        Map<MeterKey, List<String>> numbers = new LinkedHashMap<>();
        for (Invoice invoice : billedInvoices) {
            String number = invoice.number().map(InvoiceNumber::toString).orElse(invoice.id().value());
            for (InvoiceLine line : invoice.lines()) {
                if (line instanceof UsageLine usage) {
                    names.put(usage.meter(), usage.description());
                    List<String> of = numbers.computeIfAbsent(usage.meter(), m -> new ArrayList<>());
                    if (!of.contains(number)) {
                        of.add(number);
                    }
                }
            }
        }
        List<InvoiceLine> lines = new ArrayList<>();
        billed.forEach((meter, amount) -> {
            if (amount.isPositive()) {
                String name = names.getOrDefault(meter, meter.value() + " overage");
                lines.add(new ThresholdBilledLine(name + " billed on " + String.join(", ",
                        numbers.getOrDefault(meter, List.of())), meter, amount.negate()));
            }
        });
        return lines;
    }

    /**
     * The tax left to charge: {@code whole} (the tax of the lines accrued so far, as one invoice) minus, per tax
     * line (same description, rate and treatment), the tax {@code billedInvoices} charged. Empty when it cannot be
     * split that way (their prices in- or excluded tax differently, one has a tax line {@code whole} lacks, or a
     * line would go negative); the caller then taxes its own lines.
     */
    public static Optional<InvoiceTax> remainingTax(InvoiceTax whole, List<Invoice> billedInvoices) {
        Objects.requireNonNull(whole, "whole");
        List<TaxLine> remaining = new ArrayList<>(whole.lines());
        for (Invoice invoice : billedInvoices) {
            if (invoice.tax().inclusion() != whole.inclusion()) {
                return Optional.empty();
            }
            for (TaxLine billed : invoice.tax().lines()) {
                int match = -1;
                for (int i = 0; i < remaining.size(); i++) {
                    TaxLine line = remaining.get(i);
                    if (line.description().equals(billed.description()) && line.rate().compareTo(billed.rate()) == 0
                            && line.treatment() == billed.treatment()) {
                        match = i;
                        break;
                    }
                }
                if (match < 0) {
                    if (billed.amount().isZero() && billed.taxable().isZero()) {
                        continue;
                    }
                    return Optional.empty();
                }
                TaxLine line = remaining.get(match);
                Money amount = line.amount().minus(billed.amount());
                if (amount.isNegative()) {
                    return Optional.empty();
                }
                remaining.set(match, new TaxLine(line.description(), line.rate(), line.taxable().minus(billed.taxable()),
                        amount, line.treatment()));
            }
        }
        return Optional.of(InvoiceTax.calculated(whole.inclusion(), remaining, whole.notes()));
    }
}
