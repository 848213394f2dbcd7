package io.billkit.bootstrap.metrics;

import io.billkit.application.port.in.invoice.ClosePeriodCommand;
import io.billkit.application.port.in.invoice.ClosePeriodResult;
import io.billkit.application.port.in.invoice.ClosePeriodUseCase;

import java.util.Objects;

/**
 * Counts period-close runs by outcome ({@code billkit_period_close_runs_total}): {@code completed},
 * {@code partial} when some subscriptions failed, {@code failed} when the run threw.
 */
public final class MeteredClosePeriod implements ClosePeriodUseCase {
    private final ClosePeriodUseCase delegate;
    private final BusinessMetrics metrics;

    public MeteredClosePeriod(ClosePeriodUseCase delegate, BusinessMetrics metrics) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public ClosePeriodResult close(ClosePeriodCommand command) {
        ClosePeriodResult result;
        try {
            result = delegate.close(command);
        } catch (RuntimeException e) {
            metrics.periodCloseRun("failed");
            throw e;
        }
        metrics.periodCloseRun(result.failures().isEmpty() ? "completed" : "partial");
        return result;
    }
}
