package io.billkit.application.port.in.ai;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.Money;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Replace a customer's AI governance. Budgets must be positive and in one currency (the plan's, when the customer
 * has a live subscription); the fallback model must be in the allowlist.
 */
public record SetAiGovernanceCommand(CustomerId customer, Optional<Money> dailyBudget, Optional<Money> monthlyBudget,
                                     Set<String> allowedModels, Optional<String> fallbackModel, Actor actor) {
    public SetAiGovernanceCommand {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(dailyBudget, "dailyBudget");
        Objects.requireNonNull(monthlyBudget, "monthlyBudget");
        allowedModels = new LinkedHashSet<>(Objects.requireNonNull(allowedModels, "allowedModels"));
        Objects.requireNonNull(fallbackModel, "fallbackModel");
        Objects.requireNonNull(actor, "actor");
    }
}
