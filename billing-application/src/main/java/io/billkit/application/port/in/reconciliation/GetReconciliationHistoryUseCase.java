package io.billkit.application.port.in.reconciliation;

import java.util.List;

/**
 * Past reconciliation runs, newest first, at most {@code limit} (1..100).
 */
public interface GetReconciliationHistoryUseCase {
    List<ReconciliationRunView> history(int limit);
}
