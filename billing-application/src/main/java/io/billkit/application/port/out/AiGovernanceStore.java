package io.billkit.application.port.out;

import io.billkit.domain.customer.CustomerId;

import java.util.Optional;

/** Per customer, the AI cost governance (budgets and model policy); at most one per customer. */
public interface AiGovernanceStore {
    /** The customer's governance, if set. */
    Optional<AiGovernance> find(CustomerId customer);

    /**
     * The customer's governance, locked until the caller's transaction ends (PostgreSQL: {@code FOR UPDATE}), so
     * that budget checks and settlements of one customer run one after another. Call it inside a transaction.
     */
    Optional<AiGovernance> lock(CustomerId customer);

    /** Inserts or replaces the customer's governance. */
    void save(AiGovernance governance);
}
