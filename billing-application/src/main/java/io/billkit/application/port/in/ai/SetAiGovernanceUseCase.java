package io.billkit.application.port.in.ai;

/** Sets (replaces) a customer's AI budgets and model policy; audited as {@code ai.governance_set}. */
public interface SetAiGovernanceUseCase {
    AiGovernanceView set(SetAiGovernanceCommand command);
}
