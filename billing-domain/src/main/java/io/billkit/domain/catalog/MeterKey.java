package io.billkit.domain.catalog;

import io.billkit.domain.BillingException;

import java.util.Objects;

/** A meter's key, e.g. {@code api_calls}: lower-case letters, digits and underscores, 1..64 chars. */
public record MeterKey(String value) {
    public MeterKey {
        Objects.requireNonNull(value, "meterKey");
        BillingException.require(value.matches("[a-z][a-z0-9_]{0,63}"),
                "meter key must be lower-case letters, digits and _ (1..64, starting with a letter) but was '" + value + "'");
    }

    public static MeterKey of(String value) {
        return new MeterKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
