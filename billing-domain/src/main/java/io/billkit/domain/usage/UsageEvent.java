package io.billkit.domain.usage;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One reported use of a meter by a customer.
 *
 * <ul>
 *   <li>{@code eventId}: the client-chosen idempotency key, 1..{@value #MAX_EVENT_ID_LENGTH} characters of
 *       {@code [A-Za-z0-9._:-]}; unique per customer (stores deduplicate on (customer, eventId)).</li>
 *   <li>{@code quantity}: in the meter's unit, {@code >= 0}, at most {@value #MAX_SCALE} decimals and at most
 *       10^15. Trailing zeros are stripped so equal quantities compare equal ({@code 2.50} becomes {@code 2.5}).
 *       COUNT and UNIQUE_COUNT meters ignore it.</li>
 *   <li>{@code timestamp}: when the usage happened (UTC instant), which decides its window.</li>
 *   <li>{@code properties}: free string attributes (at most {@value #MAX_PROPERTIES}; keys 1..{@value #MAX_KEY_LENGTH}
 *       chars, values at most {@value #MAX_VALUE_LENGTH} chars), copied into an unmodifiable map sorted by key.
 *       A UNIQUE_COUNT meter counts the distinct values of its {@code uniqueProperty}.</li>
 * </ul>
 * No component is null; invalid input throws {@code INVALID_ARGUMENT} naming the field.
 */
public record UsageEvent(String eventId, CustomerId customer, MeterKey meter, BigDecimal quantity, Instant timestamp,
                         Map<String, String> properties) {

    public static final int MAX_EVENT_ID_LENGTH = 128;
    public static final int MAX_SCALE = 12;
    /** The largest accepted quantity: 10^15. */
    public static final BigDecimal MAX_QUANTITY = BigDecimal.TEN.pow(15);
    public static final int MAX_PROPERTIES = 32;
    public static final int MAX_KEY_LENGTH = 64;
    public static final int MAX_VALUE_LENGTH = 256;

    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_EVENT_ID_LENGTH + "}");

    public UsageEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(properties, "properties");
        BillingException.require(EVENT_ID.matcher(eventId).matches(),
                "eventId must be 1.." + MAX_EVENT_ID_LENGTH + " characters of A-Z a-z 0-9 . _ : - but was '"
                        + abbreviate(eventId) + "'");
        quantity = validQuantity(quantity);
        properties = validProperties(properties);
    }

    /** An event without properties. */
    public static UsageEvent of(String eventId, CustomerId customer, MeterKey meter, BigDecimal quantity,
                                Instant timestamp) {
        return new UsageEvent(eventId, customer, meter, quantity, timestamp, Map.of());
    }

    /** The value of property {@code name}, if the event carries it. */
    public Optional<String> property(String name) {
        return Optional.ofNullable(properties.get(Objects.requireNonNull(name, "name")));
    }

    private static BigDecimal validQuantity(BigDecimal quantity) {
        BillingException.require(quantity.signum() >= 0,
                "quantity must not be negative but was " + shown(quantity));
        BillingException.require(quantity.compareTo(MAX_QUANTITY) <= 0,
                "quantity is too large: at most 1000000000000000 (10^15) but was " + shown(quantity));
        BigDecimal normalized = quantity.stripTrailingZeros();
        if (normalized.scale() < 0) {
            normalized = normalized.setScale(0);
        }
        BillingException.require(normalized.scale() <= MAX_SCALE,
                "quantity has more than " + MAX_SCALE + " decimals: " + shown(quantity));
        return normalized;
    }

    private static Map<String, String> validProperties(Map<String, String> properties) {
        BillingException.require(properties.size() <= MAX_PROPERTIES,
                "properties: at most " + MAX_PROPERTIES + " entries but got " + properties.size());
        TreeMap<String, String> copy = new TreeMap<>();
        properties.forEach((key, value) -> {
            BillingException.require(key != null, "properties: a key is null");
            BillingException.require(!key.isBlank() && key.length() <= MAX_KEY_LENGTH,
                    "properties: key must be 1.." + MAX_KEY_LENGTH + " non-blank characters but was '" + abbreviate(key) + "'");
            BillingException.require(value != null, "properties: value of '" + key + "' is null");
            BillingException.require(value.length() <= MAX_VALUE_LENGTH,
                    "properties: value of '" + key + "' is longer than " + MAX_VALUE_LENGTH + " characters");
            copy.put(key, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** The quantity for an error message: plain digits unless the exponent is extreme (1E+2147483647 would not fit). */
    private static String shown(BigDecimal quantity) {
        return Math.abs(quantity.scale()) > 40 ? quantity.toString() : quantity.toPlainString();
    }
}
