package io.billkit.application.port.in.ai;

import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.Money;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A customer's AI cost governance: daily and monthly spend budgets (empty = no cap), the model allowlist
 * (empty = every model allowed) and the fallback model; {@code updatedAt} is empty when never set.
 */
public record AiGovernanceView(CustomerId customer, Optional<Money> dailyBudget, Optional<Money> monthlyBudget,
                               Set<String> allowedModels, Optional<String> fallbackModel,
                               Optional<Instant> updatedAt) {
    public AiGovernanceView {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(dailyBudget, "dailyBudget");
        Objects.requireNonNull(monthlyBudget, "monthlyBudget");
        allowedModels = Set.copyOf(Objects.requireNonNull(allowedModels, "allowedModels"));
        Objects.requireNonNull(fallbackModel, "fallbackModel");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
