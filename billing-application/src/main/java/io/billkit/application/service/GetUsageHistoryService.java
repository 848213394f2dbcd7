package io.billkit.application.service;

import io.billkit.application.port.in.usage.DailyUsageView;
import io.billkit.application.port.in.usage.GetUsageHistoryUseCase;
import io.billkit.application.port.in.usage.UsageHistoryQuery;
import io.billkit.application.port.in.usage.UsageHistoryView;
import io.billkit.application.port.out.UsageEventStore;

import java.util.List;
import java.util.Objects;

/**
 * Daily usage between two local dates (inclusive) from the daily rollups, oldest first; one entry per day and
 * meter with usage. UNIQUE_COUNT meters have no daily rollups and do not appear. NOT_FOUND for an unknown
 * customer.
 */
public final class GetUsageHistoryService implements GetUsageHistoryUseCase {
    private final BillingContexts contexts;
    private final UsageEventStore events;

    public GetUsageHistoryService(BillingContexts contexts, UsageEventStore events) {
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public UsageHistoryView history(UsageHistoryQuery query) {
        Objects.requireNonNull(query, "query");
        contexts.customer(query.customer());
        List<DailyUsageView> days = events.dailyRollups(query.customer(), query.meter(), query.from(), query.to()).stream()
                .map(r -> new DailyUsageView(r.day(), r.meter(), r.value()))
                .toList();
        return new UsageHistoryView(query.customer(), query.from(), query.to(), days);
    }
}
