package io.billkit.application.service;

import io.billkit.application.port.in.reconciliation.GetReconciliationHistoryUseCase;
import io.billkit.application.port.in.reconciliation.ReconciliationRunView;
import io.billkit.application.port.out.ReconciliationRunStore;
import io.billkit.domain.BillingException;

import java.util.List;
import java.util.Objects;

/** Past reconciliation runs, newest first. */
public final class GetReconciliationHistoryService implements GetReconciliationHistoryUseCase {
    private final ReconciliationRunStore runs;

    public GetReconciliationHistoryService(ReconciliationRunStore runs) {
        this.runs = Objects.requireNonNull(runs, "runs");
    }

    @Override
    public List<ReconciliationRunView> history(int limit) {
        BillingException.require(limit >= 1 && limit <= 100, "limit must be in 1..100 but was " + limit);
        return runs.recent(limit).stream().map(run -> ReconciliationViews.view(run, false)).toList();
    }
}
