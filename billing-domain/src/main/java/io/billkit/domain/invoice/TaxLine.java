package io.billkit.domain.invoice;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One tax of an invoice as printed: {@code rate} (a fraction, 0.19 = 19 %) applied to the net
 * {@code taxable} base, giving {@code amount}. An invoice has one per rate (see {@link InvoiceTax});
 * tax is never one of its {@link InvoiceLine}s. A {@link TaxTreatment#REVERSE_CHARGE} or
 * {@link TaxTreatment#EXEMPT} line has rate and amount zero and states the base it covers.
 */
public record TaxLine(String description, BigDecimal rate, Money taxable, Money amount, TaxTreatment treatment) {
    public TaxLine {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(taxable, "taxable");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(treatment, "treatment");
        BillingException.require(rate.signum() >= 0, "tax rate must not be negative: " + rate);
        BillingException.require(!amount.isNegative(), "tax amount must not be negative: " + amount);
        if (!taxable.currency().equals(amount.currency())) {
            throw new BillingException(ErrorCode.CURRENCY_MISMATCH, "tax line '" + description + "' has its base in "
                    + taxable.currencyCode() + " but its amount in " + amount.currencyCode());
        }
        BillingException.require(treatment == TaxTreatment.STANDARD || (rate.signum() == 0 && amount.isZero()),
                treatment + " tax line must have rate and amount zero");
    }

    /** A line at {@code rate}: {@link TaxTreatment#STANDARD}. */
    public TaxLine(String description, BigDecimal rate, Money taxable, Money amount) {
        this(description, rate, taxable, amount, TaxTreatment.STANDARD);
    }

    /** {@code Tax (20%)} for a rate of 0.20. */
    public static String label(BigDecimal rate) {
        return label("Tax", rate);
    }

    /** {@code VAT (19%)} for {@code name} VAT and a rate of 0.19. */
    public static String label(String name, BigDecimal rate) {
        return name + " (" + percent(rate) + "%)";
    }

    /** {@code 19} for 0.19, {@code 8.875} for 0.08875. */
    public static String percent(BigDecimal rate) {
        return rate.movePointRight(2).stripTrailingZeros().toPlainString();
    }

    public java.util.Currency currency() {
        return amount.currency();
    }
}
