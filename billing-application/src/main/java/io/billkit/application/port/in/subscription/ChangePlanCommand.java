package io.billkit.application.port.in.subscription;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.CustomerId;
import java.util.Objects;

/**
 * Move the customer's subscription to another plan.
 */
public record ChangePlanCommand(CustomerId customer, PlanCode plan, Actor actor) {
    public ChangePlanCommand {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(actor, "actor");
    }
}
