package io.billkit.application.port.in.credit;

/**
 * Debits credits all-or-nothing (INSUFFICIENT_CREDITS when the balance is short).
 */
public interface ConsumeCreditsUseCase {
    CreditConsumptionView consume(ConsumeCreditsCommand command);
}
