package io.billkit.application.service;

import io.billkit.application.port.in.reconciliation.ReconciliationFindingView;
import io.billkit.application.port.in.reconciliation.ReconciliationRunView;
import io.billkit.application.port.out.ReconciliationRunStore.StoredRun;
import io.billkit.domain.reconciliation.MeterReconciliation;

/** Maps stored reconciliation runs to the views of {@code port.in.reconciliation}. */
final class ReconciliationViews {
    private ReconciliationViews() {
    }

    static ReconciliationRunView view(StoredRun run, boolean replayed) {
        return new ReconciliationRunView(run.runId(), run.idempotencyKey(), run.ranAt(),
                run.report().findings().stream().map(ReconciliationViews::finding).toList(),
                run.report().totalMoneyDiscrepancy(), run.report().alerts(), replayed);
    }

    static ReconciliationFindingView finding(MeterReconciliation f) {
        return new ReconciliationFindingView(f.subscriptionId(), f.customerId(), f.meter(), f.internalQuantity(),
                f.providerQuantity(), f.unitDiscrepancy(), f.relativeDiscrepancy(), f.moneyDiscrepancy(), f.outcome());
    }
}
