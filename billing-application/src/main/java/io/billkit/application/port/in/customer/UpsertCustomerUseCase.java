package io.billkit.application.port.in.customer;

import io.billkit.domain.customer.Customer;

/**
 * Creates or updates a customer (admin, bootstrap).
 */
public interface UpsertCustomerUseCase {
    Customer upsert(UpsertCustomerCommand command);
}
