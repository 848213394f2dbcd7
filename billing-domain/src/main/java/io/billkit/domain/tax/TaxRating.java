package io.billkit.domain.tax;

import io.billkit.domain.BillingException;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.invoice.InvoiceTax;
import io.billkit.domain.invoice.TaxInclusion;
import io.billkit.domain.invoice.TaxLine;
import io.billkit.domain.invoice.TaxTreatment;
import io.billkit.domain.money.Money;
import io.billkit.domain.money.RoundingPolicy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * Tax of invoice lines at the rates of one jurisdiction. Pure. The base is {@code max(0, charges +
 * credits)} of the (already discounted) lines; there is one {@link TaxLine} per rate, each on the whole
 * net base. Rounding, once per tax line with the {@link RoundingPolicy} (HALF_UP by default):
 * <ul>
 *   <li>exclusive prices: {@code tax_i = round(base x rate_i)};</li>
 *   <li>inclusive prices: {@code net = round(gross / (1 + sum of rates))}, {@code tax_i = round(net x rate_i)}
 *       for all rates but the last, and the last takes {@code gross - net - the others}, so net plus tax is
 *       exactly the gross amount the customer was shown.</li>
 * </ul>
 */
public final class TaxRating {
    /** The legal note of a reverse-charged invoice (Art. 196 of Council Directive 2006/112/EC). */
    public static final String REVERSE_CHARGE_NOTE = "Reverse charge";
    /** The note of an invoice to a tax-exempt customer. */
    public static final String EXEMPT_NOTE = "Tax exempt";

    private TaxRating() {
    }

    /** Tax at {@code rates} (one or more) on {@code lines}. */
    public static InvoiceTax standard(Currency currency, List<? extends InvoiceLine> lines, List<TaxRate> rates,
                                      TaxInclusion inclusion, RoundingPolicy rounding) {
        Objects.requireNonNull(rates, "rates");
        Objects.requireNonNull(inclusion, "inclusion");
        Objects.requireNonNull(rounding, "rounding");
        BillingException.require(!rates.isEmpty(), "at least one tax rate");
        Money base = InvoiceTax.base(currency, lines);
        List<TaxLine> out = new ArrayList<>();
        if (inclusion == TaxInclusion.EXCLUSIVE) {
            for (TaxRate rate : rates) {
                out.add(new TaxLine(TaxLine.label(rate.name(), rate.rate()), rate.rate(), base,
                        rounding.round(base.amount().multiply(rate.rate()), currency)));
            }
        } else {
            BigDecimal sum = BigDecimal.ONE;
            for (TaxRate rate : rates) {
                sum = sum.add(rate.rate());
            }
            Money net = base.dividedBy(sum, rounding.mode());
            Money remaining = base.minus(net);
            for (int i = 0; i < rates.size(); i++) {
                TaxRate rate = rates.get(i);
                Money tax = i == rates.size() - 1 ? remaining : rounding.round(net.amount().multiply(rate.rate()), currency);
                remaining = remaining.minus(tax);
                out.add(new TaxLine(TaxLine.label(rate.name(), rate.rate()), rate.rate(), net, tax));
            }
        }
        return InvoiceTax.calculated(inclusion, out, List.of());
    }

    /** No tax, the customer accounting for it: one {@link TaxTreatment#REVERSE_CHARGE} line and the note. */
    public static InvoiceTax reverseCharge(Currency currency, List<? extends InvoiceLine> lines, TaxInclusion inclusion) {
        Money base = InvoiceTax.base(currency, lines);
        return InvoiceTax.calculated(inclusion, List.of(new TaxLine("VAT (reverse charge)", BigDecimal.ZERO, base,
                Money.zero(currency), TaxTreatment.REVERSE_CHARGE)), List.of(REVERSE_CHARGE_NOTE));
    }

    /** No tax, the customer being exempt: one {@link TaxTreatment#EXEMPT} line and the note. */
    public static InvoiceTax exempt(Currency currency, List<? extends InvoiceLine> lines, TaxInclusion inclusion) {
        Money base = InvoiceTax.base(currency, lines);
        return InvoiceTax.calculated(inclusion, List.of(new TaxLine("Tax exempt", BigDecimal.ZERO, base,
                Money.zero(currency), TaxTreatment.EXEMPT)), List.of(EXEMPT_NOTE));
    }
}
