package io.billkit.domain.credit;

import io.billkit.domain.BillingException;

import java.util.Objects;

/**
 * Identifies one credit grant: 1..64 letters, digits or {@code _ . : -}. Chosen by the caller so a
 * grant can be made idempotent (e.g. {@code sub_42:2026-03} for a subscription period, or the
 * order id of a purchased pack).
 */
public record CreditGrantId(String value) {
    public CreditGrantId {
        Objects.requireNonNull(value, "creditGrantId");
        BillingException.require(value.matches("[A-Za-z0-9_.:-]{1,64}"),
                "creditGrantId must be 1..64 letters, digits or _ . : - but was '" + value + "'");
    }

    public static CreditGrantId of(String value) {
        return new CreditGrantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
