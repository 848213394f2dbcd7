package io.billkit.domain.customer;

import io.billkit.domain.BillingException;

import java.util.Objects;

/** Identifies a customer (a tenant of the embedding product). 1..64 chars of letters, digits, {@code _-.:}. */
public record CustomerId(String value) {
    public CustomerId {
        Objects.requireNonNull(value, "customerId");
        BillingException.require(value.matches("[A-Za-z0-9_.:-]{1,64}"),
                "customerId must be 1..64 letters, digits or _ . : - but was '" + value + "'");
    }

    public static CustomerId of(String value) {
        return new CustomerId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
