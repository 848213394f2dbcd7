package io.billkit.application.port.in.usage;

import io.billkit.domain.customer.CustomerId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One usage event as a caller submits it, before validation. The meter is the raw key so an unknown
 * or malformed one is reported per event instead of failing the batch.
 *
 * @param eventId    client-chosen id; with the customer it is the deduplication key
 * @param customer   whose usage it is
 * @param meter      meter key as sent, e.g. {@code api_calls}
 * @param quantity   units (>= 0, finite, at most 12 decimals); ignored by COUNT meters
 * @param timestamp  when the usage happened (UTC)
 * @param properties string attributes (UNIQUE_COUNT meters count one of them)
 */
public record UsageEventInput(String eventId, CustomerId customer, String meter, BigDecimal quantity, Instant timestamp, Map<String, String> properties) {
    public UsageEventInput {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(timestamp, "timestamp");
        properties = Map.copyOf(Objects.requireNonNull(properties, "properties"));
    }
}
