package io.billkit.application.port.out;

import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;

import java.util.List;
import java.util.Optional;

/** Customers and their billing settings (time zone, tax rate, terms). */
public interface CustomerStore {

    /** Inserts or updates. */
    void save(Customer customer);

    Optional<Customer> find(CustomerId id);

    List<Customer> all();
}
