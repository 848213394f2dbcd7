package io.billkit.application.port.in.subscription;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.CustomerId;
import java.util.Objects;

/**
 * Subscribe a customer to a plan (with the plan's trial, if any). A customer has at most one live
 * subscription (CONFLICT otherwise).
 */
public record SubscribeCommand(CustomerId customer, PlanCode plan, Actor actor) {
    public SubscribeCommand {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(actor, "actor");
    }
}
