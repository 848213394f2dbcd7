package io.billkit.application.inmemory;

import io.billkit.application.port.out.CustomerStore;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link CustomerStore} in memory. */
public final class InMemoryCustomerStore implements CustomerStore {
    private final InMemoryTransactions tx;
    private final Map<CustomerId, Customer> customers = new LinkedHashMap<>();

    public InMemoryCustomerStore(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void save(Customer customer) {
        tx.put(customers, customer.id(), customer);
    }

    @Override
    public Optional<Customer> find(CustomerId id) {
        return tx.read(() -> Optional.ofNullable(customers.get(id)));
    }

    @Override
    public List<Customer> all() {
        return tx.read(() -> List.copyOf(customers.values()));
    }
}
