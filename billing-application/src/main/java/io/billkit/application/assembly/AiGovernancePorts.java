package io.billkit.application.assembly;

import io.billkit.application.inmemory.InMemoryAiGovernanceStore;
import io.billkit.application.inmemory.InMemoryAiReservationStore;
import io.billkit.application.inmemory.InMemoryTransactions;
import io.billkit.application.inmemory.InMemoryUsageEventStore;
import io.billkit.application.inmemory.InMemoryUsageSnapshotStore;
import io.billkit.application.port.out.UsageBreakdownStore;
import io.billkit.application.port.out.UsageSnapshotStore;
import io.billkit.application.port.out.AiGovernanceStore;
import io.billkit.application.port.out.AiReservationStore;
import io.billkit.domain.BillingException;

import java.util.Objects;

/**
 * The driven ports of AI cost governance and usage insights (per-model breakdown, daily snapshots) beyond
 * {@link BillingPorts}; they must share its transactions.
 */
public record AiGovernancePorts(AiGovernanceStore governance, AiReservationStore reservations,
                                UsageBreakdownStore usageBreakdown, UsageSnapshotStore usageSnapshots) {
    public AiGovernancePorts {
        Objects.requireNonNull(usageSnapshots, "usageSnapshots");
        Objects.requireNonNull(usageBreakdown, "usageBreakdown");
        Objects.requireNonNull(governance, "governance");
        Objects.requireNonNull(reservations, "reservations");
    }

    /** In-memory stores joining the transactions of {@code ports} (which must come from {@link InMemoryBillingPorts}). */
    public static AiGovernancePorts inMemory(BillingPorts ports) {
        if (!(ports.transactions() instanceof InMemoryTransactions tx)) {
            throw BillingException.invalid("in-memory AI governance stores need in-memory billing ports");
        }
        if (!(ports.usageEvents() instanceof InMemoryUsageEventStore events)) {
            throw BillingException.invalid("in-memory AI governance stores need the in-memory usage event store");
        }
        return new AiGovernancePorts(new InMemoryAiGovernanceStore(tx), new InMemoryAiReservationStore(tx),
                events::byProperty, new InMemoryUsageSnapshotStore(tx));
    }
}
