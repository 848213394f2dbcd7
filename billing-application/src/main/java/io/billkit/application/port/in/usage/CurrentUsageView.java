package io.billkit.application.port.in.usage;

import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.CustomerId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Usage of the customer's current billing period, per meter of the plan.
 *
 * @param periodStart first day of the period (customer's time zone)
 * @param periodEnd   first day after the period
 */
public record CurrentUsageView(CustomerId customer, PlanCode plan, LocalDate periodStart, LocalDate periodEnd, Instant asOf, List<MeterUsageView> meters) {
    public CurrentUsageView {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        Objects.requireNonNull(asOf, "asOf");
        meters = List.copyOf(Objects.requireNonNull(meters, "meters"));
    }
}
