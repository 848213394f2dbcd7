package io.billkit.application.port.in.ai;

/** AI usage statistics for a date range; NOT_FOUND without a live subscription (its plan prices the tokens). */
public interface GetAiUsageStatisticsUseCase {
    AiUsageStatisticsView statistics(AiUsageStatisticsQuery query);
}
