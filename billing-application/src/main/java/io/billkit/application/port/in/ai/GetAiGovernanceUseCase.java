package io.billkit.application.port.in.ai;

import io.billkit.domain.customer.CustomerId;

/** Reads a customer's AI governance (no budgets and every model allowed when never set); NOT_FOUND for an unknown customer. */
public interface GetAiGovernanceUseCase {
    AiGovernanceView get(CustomerId customer);
}
