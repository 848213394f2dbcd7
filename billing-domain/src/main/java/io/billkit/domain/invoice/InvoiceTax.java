package io.billkit.domain.invoice;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * The tax of an invoice: whether its lines include tax, one {@link TaxLine} per rate (each with its net
 * taxable base) and the legal notes to print (e.g. {@code Reverse charge}).
 *
 * <p>A tax computed by a tax calculator for the invoice's lines is {@code fixed}: adding lines to the
 * draft afterwards is refused ({@link ErrorCode#ILLEGAL_TRANSITION}), since the tax would be stale. A tax
 * {@link #atRate(BigDecimal, Currency, List) at one flat rate} (the customer's {@code taxRate}, BillKit's
 * behaviour before tax calculators) is recomputed from the lines whenever they change.
 *
 * <p>Rounding: each tax line is rounded once to the currency's minor unit, HALF_UP.
 */
public record InvoiceTax(TaxInclusion inclusion, List<TaxLine> lines, List<String> notes, boolean fixed) {
    public InvoiceTax {
        Objects.requireNonNull(inclusion, "inclusion");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
        notes.forEach(n -> BillingException.require(n != null && !n.isBlank(), "a tax note must not be blank"));
        if (!lines.isEmpty()) {
            Currency currency = lines.get(0).currency();
            for (TaxLine line : lines) {
                if (!line.currency().equals(currency)) {
                    throw new BillingException(ErrorCode.CURRENCY_MISMATCH, "tax lines in " + currency.getCurrencyCode()
                            + " and " + line.currency().getCurrencyCode());
                }
            }
        }
    }

    /** Exclusive tax at one flat {@code rate} (a fraction in [0, 1)) on the taxable base of {@code lines}. */
    public static InvoiceTax atRate(BigDecimal rate, Currency currency, List<? extends InvoiceLine> lines) {
        InvoiceTotals.requireTaxRate(rate);
        Money base = InvoiceTax.base(currency, lines);
        TaxLine line = new TaxLine(TaxLine.label(rate), rate, base, base.times(rate, RoundingMode.HALF_UP));
        return new InvoiceTax(TaxInclusion.EXCLUSIVE, List.of(line), List.of(), false);
    }

    /** A tax computed for the lines by a calculator: adding lines afterwards is refused. */
    public static InvoiceTax calculated(TaxInclusion inclusion, List<TaxLine> lines, List<String> notes) {
        return new InvoiceTax(inclusion, lines, notes, true);
    }

    /** The sum of the tax lines (zero without lines). */
    public Money amount(Currency currency) {
        Money sum = Money.zero(currency);
        for (TaxLine line : lines) {
            sum = sum.plus(line.amount());
        }
        return sum;
    }

    /** This tax for {@code newLines}: recomputed at the same flat rate, refused when {@link #fixed()}. */
    InvoiceTax forLines(Currency currency, List<? extends InvoiceLine> newLines) {
        if (fixed) {
            throw new BillingException(ErrorCode.ILLEGAL_TRANSITION,
                    "the invoice's tax was calculated for its lines; calculate it again after changing them");
        }
        BigDecimal rate = lines.isEmpty() ? BigDecimal.ZERO : lines.get(0).rate();
        return atRate(rate, currency, newLines);
    }

    /** The single rate when there is exactly one {@link TaxTreatment#STANDARD} line, else zero. */
    public BigDecimal singleRate() {
        List<TaxLine> standard = new ArrayList<>();
        for (TaxLine line : lines) {
            if (line.treatment() == TaxTreatment.STANDARD && line.rate().signum() > 0) {
                standard.add(line);
            }
        }
        return standard.size() == 1 ? standard.get(0).rate() : BigDecimal.ZERO;
    }

    /** True when a line is reverse-charged. */
    public boolean reverseCharged() {
        return lines.stream().anyMatch(l -> l.treatment() == TaxTreatment.REVERSE_CHARGE);
    }

    /** {@code max(0, charges + credits)} of {@code lines}: what tax applies to (gross when prices include tax). */
    public static Money base(Currency currency, List<? extends InvoiceLine> lines) {
        Money zero = Money.zero(currency);
        Money sum = zero;
        for (InvoiceLine line : lines) {
            InvoiceTotals.requireCurrency(currency, line);
            sum = sum.plus(line.amount());
        }
        return sum.max(zero);
    }
}
