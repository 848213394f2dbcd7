package io.billkit.application.port.in.reconciliation;

import io.billkit.domain.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored reconciliation run.
 *
 * @param alertRaised whether the total money discrepancy exceeded the alert threshold
 * @param replayed    true when returned from the idempotency store instead of run now
 */
public record ReconciliationRunView(String runId, String idempotencyKey, Instant ranAt, List<ReconciliationFindingView> findings, Money totalDiscrepancy, boolean alertRaised, boolean replayed) {
    public ReconciliationRunView {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(ranAt, "ranAt");
        findings = List.copyOf(Objects.requireNonNull(findings, "findings"));
        Objects.requireNonNull(totalDiscrepancy, "totalDiscrepancy");
    }
}
