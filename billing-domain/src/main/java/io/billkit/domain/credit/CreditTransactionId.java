package io.billkit.domain.credit;

import io.billkit.domain.BillingException;

import java.util.Objects;

/**
 * Identifies one entry of a customer's credit history: 1..128 letters, digits or {@code _ . : -}.
 * {@link CreditLedger} assigns {@code <customerId>:<sequence>}, so ids are unique across customers
 * and ordered within one.
 */
public record CreditTransactionId(String value) {
    public CreditTransactionId {
        Objects.requireNonNull(value, "creditTransactionId");
        BillingException.require(value.matches("[A-Za-z0-9_.:-]{1,128}"),
                "creditTransactionId must be 1..128 letters, digits or _ . : - but was '" + value + "'");
    }

    public static CreditTransactionId of(String value) {
        return new CreditTransactionId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
