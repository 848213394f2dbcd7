package io.billkit.domain.invoice;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * The sums of an invoice, all in the invoice's currency:
 * <ul>
 *   <li>{@code subtotal}: sum of the charge lines (base fee, usage, proration, adjustment);</li>
 *   <li>{@code credits}: sum of the credit-applied lines (zero or negative);</li>
 *   <li>{@code taxable}: the net base: {@code max(0, subtotal + credits)} when prices exclude tax, that
 *       minus the tax they contain when prices include it ({@link TaxInclusion});</li>
 *   <li>{@code tax}: the sum of the invoice's {@link TaxLine}s, each rounded HALF_UP once;</li>
 *   <li>{@code total}: {@code taxable + tax} (so {@code max(0, subtotal + credits)} when prices include tax);</li>
 *   <li>{@code amountPaid}: what has been paid (zero until paid);</li>
 *   <li>{@code amountDue}: {@code total - amountPaid}.</li>
 * </ul>
 * The compact constructor checks these identities, so an instance always adds up.
 */
public record InvoiceTotals(Money subtotal, Money credits, Money taxable, Money tax, Money total,
                            Money amountPaid, Money amountDue, TaxInclusion inclusion) {
    public InvoiceTotals {
        Objects.requireNonNull(subtotal, "subtotal");
        Objects.requireNonNull(credits, "credits");
        Objects.requireNonNull(taxable, "taxable");
        Objects.requireNonNull(tax, "tax");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(amountPaid, "amountPaid");
        Objects.requireNonNull(amountDue, "amountDue");
        Objects.requireNonNull(inclusion, "inclusion");
        BillingException.require(!credits.isPositive(), "credits must be zero or negative: " + credits);
        BillingException.require(!tax.isNegative(), "tax must not be negative: " + tax);
        Money base = subtotal.plus(credits).max(Money.zero(subtotal.currency()));
        BillingException.require(inclusion == TaxInclusion.EXCLUSIVE ? taxable.isEqualTo(base)
                        : taxable.plus(tax).isEqualTo(base),
                inclusion == TaxInclusion.EXCLUSIVE ? "taxable must be max(0, subtotal + credits)"
                        : "taxable + tax must be max(0, subtotal + credits) when prices include tax");
        BillingException.require(total.isEqualTo(taxable.plus(tax)), "total must be taxable + tax");
        BillingException.require(amountDue.isEqualTo(total.minus(amountPaid)), "amountDue must be total - amountPaid");
    }

    /** Totals of tax-exclusive prices. */
    public InvoiceTotals(Money subtotal, Money credits, Money taxable, Money tax, Money total, Money amountPaid,
                         Money amountDue) {
        this(subtotal, credits, taxable, tax, total, amountPaid, amountDue, TaxInclusion.EXCLUSIVE);
    }

    /**
     * Computes the totals of {@code lines} at {@code taxRate} (a fraction in [0, 1), exclusive) with
     * {@code amountPaid} already paid. Every line must be in {@code currency}
     * ({@link ErrorCode#CURRENCY_MISMATCH} otherwise).
     */
    public static InvoiceTotals of(Currency currency, List<? extends InvoiceLine> lines, BigDecimal taxRate,
                                   Money amountPaid) {
        return of(currency, lines, InvoiceTax.atRate(taxRate, currency, lines), amountPaid);
    }

    /** Computes the totals of {@code lines} with the given {@code tax} and {@code amountPaid} already paid. */
    public static InvoiceTotals of(Currency currency, List<? extends InvoiceLine> lines, InvoiceTax tax,
                                   Money amountPaid) {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(tax, "tax");
        Objects.requireNonNull(amountPaid, "amountPaid");
        Money zero = Money.zero(currency);
        Money subtotal = zero;
        Money credits = zero;
        for (InvoiceLine line : lines) {
            Objects.requireNonNull(line, "line");
            requireCurrency(currency, line);
            if (line.isCharge()) {
                subtotal = subtotal.plus(line.amount());
            } else {
                credits = credits.plus(line.amount());
            }
        }
        Money base = subtotal.plus(credits).max(zero);
        Money taxAmount = tax.amount(currency);
        Money taxable = tax.inclusion() == TaxInclusion.EXCLUSIVE ? base : base.minus(taxAmount);
        BillingException.require(!taxable.isNegative(), "tax " + taxAmount + " exceeds the gross amount " + base);
        Money total = taxable.plus(taxAmount);
        return new InvoiceTotals(subtotal, credits, taxable, taxAmount, total, amountPaid, total.minus(amountPaid),
                tax.inclusion());
    }

    /** Totals of {@code lines} with nothing paid yet. */
    public static InvoiceTotals of(Currency currency, List<? extends InvoiceLine> lines, BigDecimal taxRate) {
        return of(currency, lines, taxRate, Money.zero(currency));
    }

    public Currency currency() {
        return total.currency();
    }

    /** Rejects a rate outside [0, 1). */
    static void requireTaxRate(BigDecimal taxRate) {
        Objects.requireNonNull(taxRate, "taxRate");
        BillingException.require(taxRate.signum() >= 0 && taxRate.compareTo(BigDecimal.ONE) < 0,
                "taxRate must be in [0, 1) but was " + taxRate.toPlainString());
    }

    static void requireCurrency(Currency currency, InvoiceLine line) {
        if (!line.currency().equals(currency)) {
            throw new BillingException(ErrorCode.CURRENCY_MISMATCH, "line '" + line.description() + "' is in "
                    + line.currency().getCurrencyCode() + " but the invoice is in " + currency.getCurrencyCode());
        }
    }
}
