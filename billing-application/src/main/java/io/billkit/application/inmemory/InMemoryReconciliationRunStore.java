package io.billkit.application.inmemory;

import io.billkit.application.port.out.ReconciliationRunStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link ReconciliationRunStore} in memory; a run id is stored once ({@link ErrorCode#CONFLICT} on reuse). */
public final class InMemoryReconciliationRunStore implements ReconciliationRunStore {
    private final InMemoryTransactions tx;
    private final Map<String, StoredRun> byId = new LinkedHashMap<>();

    public InMemoryReconciliationRunStore(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void save(StoredRun run) {
        Objects.requireNonNull(run, "run");
        tx.run(() -> {
            if (byId.containsKey(run.runId())) {
                throw new BillingException(ErrorCode.CONFLICT, "reconciliation run " + run.runId() + " already exists");
            }
            tx.put(byId, run.runId(), run);
        });
    }

    @Override
    public Optional<StoredRun> find(String runId) {
        Objects.requireNonNull(runId, "runId");
        return tx.read(() -> Optional.ofNullable(byId.get(runId)));
    }

    @Override
    public List<StoredRun> recent(int limit) {
        BillingException.require(limit > 0, "limit must be positive but was " + limit);
        return tx.read(() -> byId.values().stream()
                .sorted(Comparator.comparing(StoredRun::ranAt).reversed().thenComparing(StoredRun::runId))
                .limit(limit).toList());
    }
}
