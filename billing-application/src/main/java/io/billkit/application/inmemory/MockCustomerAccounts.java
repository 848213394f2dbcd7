package io.billkit.application.inmemory;

import io.billkit.application.port.out.provider.ProviderCustomer;
import io.billkit.application.port.out.provider.ProviderCustomerAccounts;

import java.util.List;

/** The mock provider's customers. */
final class MockCustomerAccounts implements ProviderCustomerAccounts {
    private final MockProviderState state;

    MockCustomerAccounts(MockProviderState state) {
        this.state = state;
    }

    @Override
    public ProviderCustomer createCustomer(String localCustomerId, String name, String email, String idempotencyKey) {
        synchronized (state) {
            return state.idempotent("createCustomer", idempotencyKey, List.of(localCustomerId, name, email), () -> {
                ProviderCustomer customer = new ProviderCustomer(state.id("cus"), name, email);
                state.customers.put(customer.id(), customer);
                return customer;
            });
        }
    }

    @Override
    public ProviderCustomer updateCustomer(String customerId, String name, String email, String idempotencyKey) {
        synchronized (state) {
            return state.idempotent("updateCustomer", idempotencyKey, List.of(customerId, name, email), () -> {
                state.requireCustomer(customerId);
                ProviderCustomer updated = new ProviderCustomer(customerId, name, email);
                state.customers.put(customerId, updated);
                return updated;
            });
        }
    }
}
