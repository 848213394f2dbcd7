package io.billkit.application.port.in.usage;

import io.billkit.domain.customer.CustomerId;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Daily usage, oldest first, one entry per day and meter that had usage.
 */
public record UsageHistoryView(CustomerId customer, LocalDate from, LocalDate to, List<DailyUsageView> days) {
    public UsageHistoryView {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        days = List.copyOf(Objects.requireNonNull(days, "days"));
    }
}
