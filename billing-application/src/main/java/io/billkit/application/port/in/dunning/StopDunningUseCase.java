package io.billkit.application.port.in.dunning;

/**
 * Stops the retries of a RETRYING case (STOPPED): no more retries and no final action; the subscription stays as it
 * is (PAST_DUE) until the invoice is paid or the subscription cancelled. NOT_FOUND without a case,
 * ILLEGAL_TRANSITION when it is not RETRYING.
 */
public interface StopDunningUseCase {
    DunningCaseView stop(DunningActionCommand command);
}
