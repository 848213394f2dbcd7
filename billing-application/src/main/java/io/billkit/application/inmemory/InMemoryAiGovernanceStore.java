package io.billkit.application.inmemory;

import io.billkit.application.port.out.AiGovernance;
import io.billkit.application.port.out.AiGovernanceStore;
import io.billkit.domain.customer.CustomerId;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link AiGovernanceStore} in memory; {@link #lock} needs nothing more than the transaction's global lock. */
public final class InMemoryAiGovernanceStore implements AiGovernanceStore {
    private final InMemoryTransactions tx;
    private final Map<CustomerId, AiGovernance> byCustomer = new HashMap<>();

    public InMemoryAiGovernanceStore(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public Optional<AiGovernance> find(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        return tx.read(() -> Optional.ofNullable(byCustomer.get(customer)));
    }

    @Override
    public Optional<AiGovernance> lock(CustomerId customer) {
        return find(customer);
    }

    @Override
    public void save(AiGovernance governance) {
        Objects.requireNonNull(governance, "governance");
        tx.put(byCustomer, governance.customer(), governance);
    }
}
