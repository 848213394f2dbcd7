package io.billkit.application.port.in.credit;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * Set (or, with an empty {@code threshold}, remove) the low credit balance threshold of one customer or of one plan
 * (exactly one of {@code customer} and {@code plan}).
 *
 * @param threshold credits, >= 0, at most 12 decimal places; empty: remove (fall back to the plan's / the default)
 */
public record SetLowBalanceThresholdCommand(Optional<CustomerId> customer, Optional<PlanCode> plan,
                                            Optional<BigDecimal> threshold, Actor actor) {
    public SetLowBalanceThresholdCommand {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(actor, "actor");
        BillingException.require(customer.isPresent() != plan.isPresent(), "name exactly one of customer and plan");
        threshold.ifPresent(t -> {
            BillingException.require(t.signum() >= 0, "threshold must not be negative but was " + t.toPlainString());
            BillingException.require(t.stripTrailingZeros().scale() <= 12,
                    "threshold must have at most 12 decimal places but was " + t.toPlainString());
            BillingException.require(t.compareTo(new BigDecimal("1e15")) < 0,
                    "threshold must be below 10^15 but was " + t.toPlainString());
        });
    }
}
