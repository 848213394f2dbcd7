package io.billkit.domain.creditnote;

import io.billkit.domain.BillingException;
import io.billkit.domain.money.Money;

import java.util.Objects;

/**
 * One credited line: {@code amount} (positive, net of tax, already rounded) of the invoice's line at
 * {@code invoiceLine} (0-based index into the invoice's lines), described as on the invoice.
 */
public record CreditNoteLine(int invoiceLine, String description, Money amount) {
    public CreditNoteLine {
        BillingException.require(invoiceLine >= 0, "invoiceLine must not be negative but was " + invoiceLine);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(amount, "amount");
        BillingException.require(amount.isPositive(), "a credited amount must be positive but was " + amount);
    }
}
