package io.billkit.application.service;

import io.billkit.application.port.in.usage.RecordUsageCommand;
import io.billkit.application.port.in.usage.RecordUsageResult;
import io.billkit.application.port.in.usage.RecordUsageUseCase;
import io.billkit.application.port.in.usage.UsageEventOutcome;
import io.billkit.application.port.in.usage.UsageEventStatus;
import io.billkit.application.port.out.PeriodCloseGuard;
import io.billkit.application.port.out.QuotaCounters;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.domain.customer.CustomerId;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Records a batch of 1..1000 usage events. Each event is ACCEPTED, DUPLICATE or REJECTED on its own (see
 * {@link UsageIngestion} for the checks and their order); a rejection never aborts the others. The whole
 * batch (events, daily rollups, quota counters, one {@code usage.recorded} audit entry per customer) is
 * written in one transaction: when a store fails, nothing of the batch stays and the caller retries it.
 * Must not be called inside an outer transaction (a lost race is retried by rolling back).
 */
public final class RecordUsageService implements RecordUsageUseCase {
    private final UsageIngestion ingestion;
    private final Transactions tx;
    private final AuditTrail audit;
    private final Clock clock;

    public RecordUsageService(BillingContexts contexts, UsageEventStore events, QuotaCounters counters,
                              PeriodCloseGuard periods, Transactions tx, AuditTrail audit, Clock clock) {
        this.ingestion = new UsageIngestion(contexts, events, counters, periods);
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public RecordUsageResult record(RecordUsageCommand command) {
        Objects.requireNonNull(command, "command");
        Instant now = clock.instant();
        return UsageIngestion.withRaceRetry(tx, () -> {
            List<UsageEventOutcome> outcomes = ingestion.ingest(command.events(), now);
            Map<CustomerId, Map<UsageEventStatus, Integer>> counts = new LinkedHashMap<>();
            for (int i = 0; i < outcomes.size(); i++) {
                counts.computeIfAbsent(command.events().get(i).customer(), c -> new EnumMap<>(UsageEventStatus.class))
                        .merge(outcomes.get(i).status(), 1, Integer::sum);
            }
            counts.forEach((customer, byStatus) -> audit.record(command.actor(), "usage.recorded", customer, Map.of(
                    "accepted", count(byStatus, UsageEventStatus.ACCEPTED),
                    "duplicate", count(byStatus, UsageEventStatus.DUPLICATE),
                    "rejected", count(byStatus, UsageEventStatus.REJECTED))));
            return new RecordUsageResult(outcomes);
        });
    }

    private static String count(Map<UsageEventStatus, Integer> byStatus, UsageEventStatus status) {
        return Integer.toString(byStatus.getOrDefault(status, 0));
    }
}
