package io.billkit.application.port.in.invoice;

/**
 * Builds, finalizes and pushes one invoice per subscription and ended period, exactly once even when
 * run twice or on two instances at once.
 */
public interface ClosePeriodUseCase {
    ClosePeriodResult close(ClosePeriodCommand command);
}
