package io.billkit.domain.invoice;

import io.billkit.domain.BillingException;

import java.util.Objects;
import java.util.UUID;

/** Identifies an invoice: 1..64 letters, digits, {@code _-}. */
public record InvoiceId(String value) {
    public InvoiceId {
        Objects.requireNonNull(value, "invoiceId");
        BillingException.require(value.matches("[A-Za-z0-9_-]{1,64}"),
                "InvoiceId must be 1..64 letters, digits, _ or - but was '" + value + "'");
    }

    public static InvoiceId of(String value) {
        return new InvoiceId(value);
    }

    /** A fresh random id. */
    public static InvoiceId random() {
        return new InvoiceId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
