package io.billkit.application.port.out;

import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * A customer's usage of one finished local {@code day}: per plan meter (in plan order) the day's quantity, and what the day added
 * to the bill ({@code cost}, before tax), taken at {@code takenAt}. One per customer and day; a later snapshot of
 * the same day replaces it (late events within the grace window).
 */
public record UsageSnapshot(CustomerId customer, LocalDate day, Map<MeterKey, BigDecimal> quantities, Money cost,
                            Instant takenAt) {
    public UsageSnapshot {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(day, "day");
        quantities = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(Objects.requireNonNull(quantities, "quantities")));
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(takenAt, "takenAt");
    }
}
