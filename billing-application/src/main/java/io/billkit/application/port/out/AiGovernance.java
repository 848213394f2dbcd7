package io.billkit.application.port.out;

import io.billkit.domain.BillingException;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.forecast.Budget;
import io.billkit.domain.forecast.ModelPolicy;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer's AI cost governance as stored: the spend {@code budget} (daily and monthly caps, each optional)
 * and the {@code models} policy (allowlist and fallback; an empty allowlist allows every model), with when it
 * was last set.
 */
public record AiGovernance(Budget budget, ModelPolicy models, Instant updatedAt) {
    public AiGovernance {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public CustomerId customer() {
        return budget.customer();
    }

    /** Whether {@code model} may be used as asked: always when the allowlist is empty. */
    public boolean allows(String model) {
        BillingException.require(model != null, "model must not be null");
        return models.allowed().isEmpty() || models.isAllowed(model);
    }
}
