package io.billkit.bootstrap.metrics;

import io.billkit.application.port.in.usage.RecordUsageCommand;
import io.billkit.application.port.in.usage.RecordUsageResult;
import io.billkit.application.port.in.usage.RecordUsageUseCase;
import io.billkit.application.port.in.usage.UsageEventOutcome;

import java.util.Objects;

/** Counts each event's outcome ({@link BusinessMetrics}: {@code billkit_usage_events_total}) after the use case answered. */
public final class MeteredRecordUsage implements RecordUsageUseCase {
    private final RecordUsageUseCase delegate;
    private final BusinessMetrics metrics;

    public MeteredRecordUsage(RecordUsageUseCase delegate, BusinessMetrics metrics) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public RecordUsageResult record(RecordUsageCommand command) {
        RecordUsageResult result = delegate.record(command);
        // outcomes are in the order of the command's events
        for (int i = 0; i < result.outcomes().size(); i++) {
            UsageEventOutcome outcome = result.outcomes().get(i);
            String meter = i < command.events().size() ? command.events().get(i).meter() : null;
            metrics.usageEvent(meter, outcome.status());
        }
        return result;
    }
}
