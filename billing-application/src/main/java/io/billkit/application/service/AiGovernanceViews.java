package io.billkit.application.service;

import io.billkit.application.port.in.ai.AiGovernanceView;
import io.billkit.application.port.out.AiGovernance;
import io.billkit.domain.customer.CustomerId;

import java.util.Optional;
import java.util.Set;

/** Maps stored AI governance to its view. */
final class AiGovernanceViews {
    private AiGovernanceViews() {
    }

    static AiGovernanceView of(AiGovernance g) {
        return new AiGovernanceView(g.customer(), g.budget().daily(), g.budget().monthly(), g.models().allowed(),
                g.models().fallback(), Optional.of(g.updatedAt()));
    }

    static AiGovernanceView none(CustomerId customer) {
        return new AiGovernanceView(customer, Optional.empty(), Optional.empty(), Set.of(), Optional.empty(),
                Optional.empty());
    }
}
