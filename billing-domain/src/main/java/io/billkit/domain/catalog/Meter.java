package io.billkit.domain.catalog;

import io.billkit.domain.BillingException;

import java.util.Objects;

/**
 * Something that is metered: {@code api_calls} counted, {@code data_transfer_gb} summed.
 * {@code uniqueProperty} names the event property counted by {@link Aggregation#UNIQUE_COUNT}
 * and is empty for the other aggregations.
 */
public record Meter(MeterKey key, String name, String unit, Aggregation aggregation, String uniqueProperty) {
    public Meter {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(uniqueProperty, "uniqueProperty");
        BillingException.require(aggregation != Aggregation.UNIQUE_COUNT || !uniqueProperty.isBlank(),
                "meter " + key + ": UNIQUE_COUNT needs a uniqueProperty");
    }

    public static Meter of(String key, String name, String unit, Aggregation aggregation) {
        return new Meter(MeterKey.of(key), name, unit, aggregation, "");
    }
}
