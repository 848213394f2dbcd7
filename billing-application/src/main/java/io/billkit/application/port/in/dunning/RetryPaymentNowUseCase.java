package io.billkit.application.port.in.dunning;

/**
 * Runs the next retry of a RETRYING case now instead of on its day (counts as that retry: the schedule moves on as
 * after any attempt). NOT_FOUND without a case, ILLEGAL_TRANSITION when it is not RETRYING.
 */
public interface RetryPaymentNowUseCase {
    DunningCaseView retryNow(DunningActionCommand command);
}
