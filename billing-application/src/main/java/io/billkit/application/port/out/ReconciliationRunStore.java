package io.billkit.application.port.out;

import io.billkit.domain.reconciliation.ReconciliationReport;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Stored reconciliation runs (reconciliation_runs), for the history and for idempotent replay. */
public interface ReconciliationRunStore {
    void save(StoredRun run);

    Optional<StoredRun> find(String runId);

    /** Newest first, at most {@code limit}. */
    List<StoredRun> recent(int limit);

    /**
     * @param runId          unique id of the run
     * @param idempotencyKey the key the run was requested with
     * @param ranAt          when it ran
     * @param report         the findings and totals
     */
    record StoredRun(String runId, String idempotencyKey, Instant ranAt, ReconciliationReport report) {
        public StoredRun {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(ranAt, "ranAt");
            Objects.requireNonNull(report, "report");
        }
    }
}
