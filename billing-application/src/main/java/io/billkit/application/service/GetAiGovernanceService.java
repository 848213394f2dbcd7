package io.billkit.application.service;

import io.billkit.application.port.in.ai.AiGovernanceView;
import io.billkit.application.port.in.ai.GetAiGovernanceUseCase;
import io.billkit.application.port.out.AiGovernanceStore;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.domain.customer.CustomerId;

import java.util.Objects;

/** Reads a customer's AI governance; the open default (no caps, any model) when never set. */
public final class GetAiGovernanceService implements GetAiGovernanceUseCase {
    private final CustomerStore customers;
    private final AiGovernanceStore governance;

    public GetAiGovernanceService(CustomerStore customers, AiGovernanceStore governance) {
        this.customers = Objects.requireNonNull(customers, "customers");
        this.governance = Objects.requireNonNull(governance, "governance");
    }

    @Override
    public AiGovernanceView get(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        Customers.require(customers, customer);
        return governance.find(customer).map(AiGovernanceViews::of).orElseGet(() -> AiGovernanceViews.none(customer));
    }
}
