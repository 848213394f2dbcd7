package io.billkit.adapter.http;

import io.billkit.application.port.in.ai.CheckAiRequestUseCase;
import io.billkit.application.port.in.ai.GetAiGovernanceUseCase;
import io.billkit.application.port.in.ai.GetAiQuotaPredictionUseCase;
import io.billkit.application.port.in.ai.GetAiUsageStatisticsUseCase;
import io.billkit.application.port.in.ai.SetAiGovernanceUseCase;
import io.billkit.application.port.in.ai.SettleAiRequestUseCase;

import java.util.Objects;

/** The AI cost governance use cases the HTTP API calls ({@link AiGovernanceRoutes}). */
public record AiUseCases(SetAiGovernanceUseCase setGovernance, GetAiGovernanceUseCase governance,
                         CheckAiRequestUseCase checkAiRequest, SettleAiRequestUseCase settleAiRequest,
                         GetAiUsageStatisticsUseCase usageStatistics, GetAiQuotaPredictionUseCase quotaPrediction) {
    public AiUseCases {
        Objects.requireNonNull(usageStatistics, "usageStatistics");
        Objects.requireNonNull(quotaPrediction, "quotaPrediction");
        Objects.requireNonNull(setGovernance, "setGovernance");
        Objects.requireNonNull(governance, "governance");
        Objects.requireNonNull(checkAiRequest, "checkAiRequest");
        Objects.requireNonNull(settleAiRequest, "settleAiRequest");
    }
}
