package io.billkit.application.port.in.credit;

/**
 * Adds a credit grant to the customer's ledger.
 */
public interface GrantCreditsUseCase {
    CreditBalanceView grant(GrantCreditsCommand command);
}
