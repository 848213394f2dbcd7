package io.billkit.application.assembly;

import io.billkit.application.port.in.ai.CheckAiRequestUseCase;
import io.billkit.application.port.in.ai.GetAiGovernanceUseCase;
import io.billkit.application.port.in.ai.GetAiQuotaPredictionUseCase;
import io.billkit.application.port.in.ai.GetAiUsageStatisticsUseCase;
import io.billkit.application.port.in.ai.SetAiGovernanceUseCase;
import io.billkit.application.port.in.ai.SettleAiRequestUseCase;
import io.billkit.application.port.in.snapshot.GetUsageSnapshotsUseCase;
import io.billkit.application.port.in.snapshot.TakeUsageSnapshotsUseCase;
import io.billkit.application.service.AuditTrail;
import io.billkit.application.service.GetUsageSnapshotsService;
import io.billkit.application.service.TakeUsageSnapshotsService;
import io.billkit.application.service.BillingContexts;
import io.billkit.application.service.CheckAiRequestService;
import io.billkit.application.service.GetAiGovernanceService;
import io.billkit.application.service.GetAiQuotaPredictionService;
import io.billkit.application.service.GetAiUsageStatisticsService;
import io.billkit.application.service.SetAiGovernanceService;
import io.billkit.application.service.SettleAiRequestService;
import io.billkit.domain.catalog.Catalog;

import java.time.Clock;
import java.util.Objects;

/**
 * The AI cost governance use cases wired with plain constructor calls, next to {@link BillingServices}:
 * <pre>{@code
 * AiGovernanceServices ai = new AiGovernanceServices(ports, AiGovernancePorts.inMemory(ports), catalog, clock,
 *         AiGovernanceSettings.defaults());
 * }</pre>
 */
public final class AiGovernanceServices {
    private final SetAiGovernanceUseCase setGovernance;
    private final GetAiGovernanceUseCase governance;
    private final CheckAiRequestUseCase checkAiRequest;
    private final SettleAiRequestUseCase settleAiRequest;
    private final GetAiUsageStatisticsUseCase usageStatistics;
    private final GetAiQuotaPredictionUseCase quotaPrediction;
    private final TakeUsageSnapshotsUseCase takeUsageSnapshots;
    private final GetUsageSnapshotsUseCase usageSnapshots;

    public AiGovernanceServices(BillingPorts ports, AiGovernancePorts ai, Catalog catalog, Clock clock,
                                AiGovernanceSettings settings) {
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(ai, "ai");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(settings, "settings");
        var tx = ports.transactions();
        var audit = new AuditTrail(ports.auditLog(), clock);
        var contexts = new BillingContexts(ports.customers(), ports.subscriptions(), catalog);
        setGovernance = new SetAiGovernanceService(contexts, ai.governance(), tx, audit, clock);
        governance = new GetAiGovernanceService(ports.customers(), ai.governance());
        checkAiRequest = new CheckAiRequestService(contexts, ai.governance(), ai.reservations(), ports.usageEvents(),
                catalog, settings.tokenMeter(), settings.reservationTtl(), tx, clock);
        settleAiRequest = new SettleAiRequestService(contexts, ai.governance(), ai.reservations(), ports.usageEvents(),
                ports.quotaCounters(), ports.periodCloseGuard(), settings.tokenMeter(), settings.modelProperty(), tx,
                audit, clock);
        usageStatistics = new GetAiUsageStatisticsService(contexts, ai.usageBreakdown(), settings.tokenMeter(),
                settings.modelProperty(), clock);
        quotaPrediction = new GetAiQuotaPredictionService(contexts, ai.governance(), ai.reservations(),
                ports.usageEvents(), ports.quotaCounters(), catalog, settings.tokenMeter(), settings.requestMeter(), clock);
        takeUsageSnapshots = new TakeUsageSnapshotsService(catalog, ports.customers(), ports.subscriptions(),
                ports.usageEvents(), ai.usageSnapshots(), tx, clock, TakeUsageSnapshotsService.DEFAULT_LOOKBACK_DAYS);
        usageSnapshots = new GetUsageSnapshotsService(ports.customers(), ai.usageSnapshots());
    }

    public SetAiGovernanceUseCase setGovernance() { return setGovernance; }
    public GetAiGovernanceUseCase governance() { return governance; }
    public CheckAiRequestUseCase checkAiRequest() { return checkAiRequest; }
    public SettleAiRequestUseCase settleAiRequest() { return settleAiRequest; }
    public GetAiUsageStatisticsUseCase usageStatistics() { return usageStatistics; }
    public GetAiQuotaPredictionUseCase quotaPrediction() { return quotaPrediction; }
    /** Daily usage snapshots of the finished days; the scheduler calls it. */
    public TakeUsageSnapshotsUseCase takeUsageSnapshots() { return takeUsageSnapshots; }
    public GetUsageSnapshotsUseCase usageSnapshots() { return usageSnapshots; }
}
