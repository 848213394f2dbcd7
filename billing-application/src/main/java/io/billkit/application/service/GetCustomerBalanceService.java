package io.billkit.application.service;

import io.billkit.application.port.in.creditnote.GetCustomerBalanceUseCase;
import io.billkit.application.port.out.CustomerBalanceStore;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.domain.customer.CustomerId;

import java.util.Currency;
import java.util.Objects;

/** Reads a customer's money balance and its latest 100 entries; NOT_FOUND for an unknown customer. */
public final class GetCustomerBalanceService implements GetCustomerBalanceUseCase {
    private final CustomerBalanceStore balances;
    private final CustomerStore customers;

    public GetCustomerBalanceService(CustomerBalanceStore balances, CustomerStore customers) {
        this.balances = Objects.requireNonNull(balances, "balances");
        this.customers = Objects.requireNonNull(customers, "customers");
    }

    @Override
    public CustomerBalanceView balance(CustomerId customer, Currency currency) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(currency, "currency");
        Customers.require(customers, customer);
        return new CustomerBalanceView(customer, balances.balance(customer, currency), balances.entries(customer, 100));
    }
}
