package io.billkit.application.port.in.ai;

import io.billkit.domain.BillingException;
import io.billkit.domain.customer.CustomerId;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** The customer's AI usage over its local days {@code [from, to]} (inclusive, at most {@value #MAX_DAYS} days). */
public record AiUsageStatisticsQuery(CustomerId customer, LocalDate from, LocalDate to) {
    public static final int MAX_DAYS = 366;

    public AiUsageStatisticsQuery {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        BillingException.require(!to.isBefore(from), "to (" + to + ") must not be before from (" + from + ")");
        BillingException.require(ChronoUnit.DAYS.between(from, to) < MAX_DAYS,
                "the range must be at most " + MAX_DAYS + " days");
    }
}
