package io.billkit.application.port.in.usage;

/**
 * Daily usage history from the daily rollups.
 */
public interface GetUsageHistoryUseCase {
    UsageHistoryView history(UsageHistoryQuery query);
}
