package io.billkit.application.inmemory;

import io.billkit.application.assembly.AiGovernancePorts;
import io.billkit.application.assembly.BillingPorts;
import io.billkit.application.assembly.InMemoryBillingPorts;
import io.billkit.application.contract.AiGovernanceContract;

import java.time.Clock;

/** AI cost governance on the in-memory stores. */
class InMemoryAiGovernanceContractTest extends AiGovernanceContract {
    @Override
    protected BillingPorts newPorts(Clock clock) {
        return InMemoryBillingPorts.create(clock);
    }

    @Override
    protected AiGovernancePorts aiPorts(BillingPorts ports) {
        return AiGovernancePorts.inMemory(ports);
    }
}
