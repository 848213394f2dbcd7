package io.billkit.domain.creditnote;

import io.billkit.domain.BillingException;

import java.util.Locale;
import java.util.Objects;

/**
 * How a credit note's total goes back to the customer: {@link #REFUND} through the payment provider (the invoice
 * must be paid), or {@link #CUSTOMER_BALANCE}: money credited to the customer's balance and applied to the amount
 * due of their next invoices (after tax, never below zero).
 */
public enum CreditNoteSettlement {
    REFUND, CUSTOMER_BALANCE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CreditNoteSettlement parse(String text) {
        Objects.requireNonNull(text, "settlement");
        for (CreditNoteSettlement s : values()) {
            if (s.wireName().equals(text)) {
                return s;
            }
        }
        throw BillingException.invalid("settlement must be one of refund, customer_balance but was '" + text + "'");
    }
}
