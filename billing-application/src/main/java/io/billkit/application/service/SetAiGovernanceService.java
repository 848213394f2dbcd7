package io.billkit.application.service;

import io.billkit.application.port.in.ai.AiGovernanceView;
import io.billkit.application.port.in.ai.SetAiGovernanceCommand;
import io.billkit.application.port.in.ai.SetAiGovernanceUseCase;
import io.billkit.application.port.out.AiGovernance;
import io.billkit.application.port.out.AiGovernanceStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.BillingException;
import io.billkit.domain.forecast.Budget;
import io.billkit.domain.forecast.ModelPolicy;
import io.billkit.domain.money.Money;

import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Replaces a customer's AI governance: the {@link Budget} and {@link ModelPolicy} validate themselves (positive
 * budgets in one currency, fallback in the allowlist); a budget in another currency than the live plan's is
 * INVALID_ARGUMENT (it could never be compared with the spend). Audited as {@code ai.governance_set}.
 */
public final class SetAiGovernanceService implements SetAiGovernanceUseCase {
    private final BillingContexts contexts;
    private final AiGovernanceStore governance;
    private final Transactions tx;
    private final AuditTrail audit;
    private final Clock clock;

    public SetAiGovernanceService(BillingContexts contexts, AiGovernanceStore governance, Transactions tx,
                                  AuditTrail audit, Clock clock) {
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.governance = Objects.requireNonNull(governance, "governance");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public AiGovernanceView set(SetAiGovernanceCommand command) {
        Objects.requireNonNull(command, "command");
        Budget budget = new Budget(command.customer(), command.dailyBudget(), command.monthlyBudget());
        ModelPolicy models = new ModelPolicy(command.allowedModels(), command.fallbackModel());
        Instant now = clock.instant();
        return tx.inTransaction(() -> {
            contexts.find(command.customer(), now).ifPresent(context -> {
                Currency plan = context.plan().currency();
                command.dailyBudget().or(command::monthlyBudget).map(Money::currency).ifPresent(currency ->
                        BillingException.require(currency.equals(plan), "budget currency " + currency.getCurrencyCode()
                                + " differs from the plan's " + plan.getCurrencyCode()));
            });
            governance.lock(command.customer());
            AiGovernance saved = new AiGovernance(budget, models, now);
            governance.save(saved);
            Map<String, String> data = new LinkedHashMap<>();
            data.put("dailyBudget", budget.daily().map(Money::toString).orElse(""));
            data.put("monthlyBudget", budget.monthly().map(Money::toString).orElse(""));
            data.put("allowedModels", String.join(",", models.allowed()));
            data.put("fallbackModel", models.fallback().orElse(""));
            audit.record(command.actor(), "ai.governance_set", command.customer(), data);
            return AiGovernanceViews.of(saved);
        });
    }

}
