package io.billkit.application.service;

import io.billkit.application.port.in.ai.AiUsageStatisticsQuery;
import io.billkit.application.port.in.ai.AiUsageStatisticsView;
import io.billkit.application.port.in.ai.GetAiUsageStatisticsUseCase;
import io.billkit.application.port.out.UsageBreakdownStore;
import io.billkit.application.port.out.UsageBreakdownStore.PropertyUsage;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.MeterTerms;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.money.Money;
import io.billkit.domain.time.TimeWindow;
import io.billkit.domain.usage.MeterUsage;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Reads the token meter's events of the range (customer-local days as UTC instants) grouped by the model
 * property, in one store call, and prices them with the live plan's terms for the meter. Writes nothing.
 */
public final class GetAiUsageStatisticsService implements GetAiUsageStatisticsUseCase {
    private final BillingContexts contexts;
    private final UsageBreakdownStore breakdown;
    private final MeterKey tokenMeter;
    private final String modelProperty;
    private final Clock clock;

    public GetAiUsageStatisticsService(BillingContexts contexts, UsageBreakdownStore breakdown, MeterKey tokenMeter,
                                       String modelProperty, Clock clock) {
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.breakdown = Objects.requireNonNull(breakdown, "breakdown");
        this.tokenMeter = Objects.requireNonNull(tokenMeter, "tokenMeter");
        this.modelProperty = Objects.requireNonNull(modelProperty, "modelProperty");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public AiUsageStatisticsView statistics(AiUsageStatisticsQuery query) {
        Objects.requireNonNull(query, "query");
        BillingContext context = contexts.live(query.customer(), clock.instant());
        TimeWindow range = TimeWindow.ofLocalDates(query.from(), query.to().plusDays(1), context.calendar().zone());
        List<PropertyUsage> rows = breakdown.byProperty(query.customer(), tokenMeter, modelProperty, range.start(),
                range.end());
        Plan plan = context.plan();
        BigDecimal tokens = BigDecimal.ZERO;
        long requests = 0;
        for (PropertyUsage row : rows) {
            tokens = tokens.add(row.quantity());
            requests += row.events();
        }
        List<AiUsageStatisticsView.ModelUsage> models = rows.stream()
                .map(r -> new AiUsageStatisticsView.ModelUsage(r.value(), r.quantity(), r.events(), cost(plan, r.quantity())))
                .toList();
        return new AiUsageStatisticsView(query.customer(), query.from(), query.to(), modelProperty, tokens, requests,
                cost(plan, tokens), models);
    }

    private Money cost(Plan plan, BigDecimal tokens) {
        return plan.terms(tokenMeter).map((MeterTerms t) -> MeterUsage.overageCost(t, tokens))
                .orElseGet(() -> Money.zero(plan.currency()));
    }
}
