package io.billkit.application.port.in.customer;

/**
 * The customers, ordered by id, each with its current subscription's plan and status (for operators). A read:
 * it never writes.
 */
public interface ListCustomersUseCase {
    CustomerPage list(ListCustomersQuery query);
}
