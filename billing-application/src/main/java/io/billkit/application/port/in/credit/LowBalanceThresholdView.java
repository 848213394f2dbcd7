package io.billkit.application.port.in.credit;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The credit balance below which {@code credits.balance_low} is raised, and where it comes from.
 *
 * @param threshold credits (>= 0)
 * @param source    {@code CUSTOMER} (the customer's own), {@code PLAN} (its live plan's) or {@code DEFAULT}
 */
public record LowBalanceThresholdView(BigDecimal threshold, Source source) {
    /** Where a threshold comes from. */
    public enum Source { CUSTOMER, PLAN, DEFAULT }

    public LowBalanceThresholdView {
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(source, "source");
    }
}
