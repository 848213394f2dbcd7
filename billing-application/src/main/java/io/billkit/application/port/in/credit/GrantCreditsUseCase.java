package io.billkit.application.port.in.credit;

/**
 * Adds a credit grant to the customer's ledger, once per idempotency key.
 */
public interface GrantCreditsUseCase {
    /**
     * @throws io.billkit.domain.BillingException IDEMPOTENCY_KEY_REUSED when the key already granted something else
     *                                            (nothing is written), NOT_FOUND for an unknown customer,
     *                                            INVALID_ARGUMENT for a grant its source does not allow
     */
    CreditGrantView grant(GrantCreditsCommand command);
}
