package io.billkit.application.port.in.dunning;

import io.billkit.domain.customer.CustomerId;

/** A customer's dunning state (read only; an unknown customer is NOT_FOUND). */
public interface GetDunningUseCase {
    CustomerDunningView of(CustomerId customer);
}
