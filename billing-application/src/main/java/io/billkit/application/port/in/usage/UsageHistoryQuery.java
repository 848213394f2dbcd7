package io.billkit.application.port.in.usage;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Daily usage between two dates (inclusive, customer's time zone), at most {@value #MAX_DAYS} days.
 */
public record UsageHistoryQuery(CustomerId customer, Optional<MeterKey> meter, LocalDate from, LocalDate to) {
    public UsageHistoryQuery {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        BillingException.require(!to.isBefore(from), "to must not be before from");
        BillingException.require(!from.plusDays(MAX_DAYS).isBefore(to.plusDays(1)),
                "the range from " + from + " to " + to + " is longer than " + MAX_DAYS + " days");
    }
    public static final int MAX_DAYS = 366;
}
