package io.billkit.application.port.in.customer;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.customer.Customer;
import java.util.Objects;

/**
 * Create or update a customer and mirror it at the payment provider.
 */
public record UpsertCustomerCommand(Customer customer, Actor actor) {
    public UpsertCustomerCommand {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(actor, "actor");
    }
}
