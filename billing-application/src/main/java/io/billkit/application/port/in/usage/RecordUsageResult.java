package io.billkit.application.port.in.usage;

import java.util.List;
import java.util.Objects;

/**
 * Per-event outcomes of a {@link RecordUsageCommand}, in submission order.
 */
public record RecordUsageResult(List<UsageEventOutcome> outcomes) {
    public RecordUsageResult {
        outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
    }

    public long count(UsageEventStatus status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }
}
