package io.billkit.application.port.in.credit;

import io.billkit.domain.customer.CustomerId;

/**
 * The customer's credit balance now.
 */
public interface GetCreditBalanceUseCase {
    CreditBalanceView balance(CustomerId customer);
}
