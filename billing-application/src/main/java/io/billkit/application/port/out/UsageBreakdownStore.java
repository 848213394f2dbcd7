package io.billkit.application.port.out;

import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Usage events of one meter broken down by the value of one event property (e.g. the AI model). */
public interface UsageBreakdownStore {
    /**
     * Per value of {@code property} (events without it under {@code ""}), the summed quantity and the number of
     * the customer's events of {@code meter} that occurred in {@code [from, to)}; ordered by value.
     */
    List<PropertyUsage> byProperty(CustomerId customer, MeterKey meter, String property, Instant from, Instant to);

    /** @param value the property's value; {@code quantity} summed; {@code events} counted */
    record PropertyUsage(String value, BigDecimal quantity, long events) {
        public PropertyUsage {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(quantity, "quantity");
        }
    }
}
