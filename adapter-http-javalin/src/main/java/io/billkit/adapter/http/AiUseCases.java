package io.billkit.adapter.http;

import io.billkit.application.port.in.ai.CheckAiRequestUseCase;
import io.billkit.application.port.in.ai.GetAiGovernanceUseCase;
import io.billkit.application.port.in.ai.GetAiQuotaPredictionUseCase;
import io.billkit.application.port.in.ai.GetAiUsageStatisticsUseCase;
import io.billkit.application.port.in.ai.SetAiGovernanceUseCase;
import io.billkit.application.port.in.ai.SettleAiRequestUseCase;
import io.billkit.application.port.in.snapshot.GetUsageSnapshotsUseCase;

import java.util.Objects;

/** The AI cost governance and usage insight use cases the HTTP API calls ({@link AiGovernanceRoutes}). */
public record AiUseCases(SetAiGovernanceUseCase setGovernance, GetAiGovernanceUseCase governance,
                         CheckAiRequestUseCase checkAiRequest, SettleAiRequestUseCase settleAiRequest,
                         GetAiUsageStatisticsUseCase usageStatistics, GetAiQuotaPredictionUseCase quotaPrediction,
                         GetUsageSnapshotsUseCase usageSnapshots) {
    public AiUseCases {
        Objects.requireNonNull(usageSnapshots, "usageSnapshots");
        Objects.requireNonNull(usageStatistics, "usageStatistics");
        Objects.requireNonNull(quotaPrediction, "quotaPrediction");
        Objects.requireNonNull(setGovernance, "setGovernance");
        Objects.requireNonNull(governance, "governance");
        Objects.requireNonNull(checkAiRequest, "checkAiRequest");
        Objects.requireNonNull(settleAiRequest, "settleAiRequest");
    }
}
