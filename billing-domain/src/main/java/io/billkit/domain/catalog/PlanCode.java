package io.billkit.domain.catalog;

import io.billkit.domain.BillingException;

import java.util.Objects;

/** A plan's code, e.g. {@code growth}: lower-case letters, digits, {@code _} and {@code -}. */
public record PlanCode(String value) {
    public PlanCode {
        Objects.requireNonNull(value, "planCode");
        BillingException.require(value.matches("[a-z][a-z0-9_-]{0,63}"),
                "plan code must be lower-case letters, digits, _ or - (1..64, starting with a letter) but was '" + value + "'");
    }

    public static PlanCode of(String value) {
        return new PlanCode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
