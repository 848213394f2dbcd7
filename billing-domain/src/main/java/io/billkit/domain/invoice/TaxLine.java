package io.billkit.domain.invoice;

import io.billkit.domain.BillingException;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The tax of an invoice as printed: {@code rate} (a fraction, 0.20 = 20 %) applied to
 * {@code taxable}, giving {@code amount}. It is derived from {@link InvoiceTotals}, never stored
 * among the {@link InvoiceLine}s.
 */
public record TaxLine(String description, BigDecimal rate, Money taxable, Money amount) {
    public TaxLine {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(taxable, "taxable");
        Objects.requireNonNull(amount, "amount");
        BillingException.require(rate.signum() >= 0, "tax rate must not be negative: " + rate);
    }

    /** {@code Tax (20%)} for a rate of 0.20. */
    public static String label(BigDecimal rate) {
        return "Tax (" + rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%)";
    }
}
