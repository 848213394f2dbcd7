package io.billkit.application.port.in.credit;

/**
 * Charges for a credit pack and grants its (never expiring) credits.
 */
public interface PurchaseCreditsUseCase {
    CreditBalanceView purchase(PurchaseCreditsCommand command);
}
