package io.billkit.application.port.in.reconciliation;

/**
 * Compares internal usage with the provider's usage summaries per subscription and meter.
 */
public interface ReconcileUseCase {
    ReconciliationRunView reconcile(ReconcileCommand command);
}
