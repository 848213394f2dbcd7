package io.billkit.application.port.in.creditnote;

import io.billkit.application.port.out.CustomerBalanceStore;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.Money;

import java.util.Currency;
import java.util.List;
import java.util.Objects;

/** A customer's money balance (from credit notes) in one currency, with its latest entries (all currencies). */
public interface GetCustomerBalanceUseCase {

    CustomerBalanceView balance(CustomerId customer, Currency currency);

    /** The balance and its latest entries, newest first. */
    record CustomerBalanceView(CustomerId customer, Money balance, List<CustomerBalanceStore.Entry> entries) {
        public CustomerBalanceView {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(balance, "balance");
            entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
        }
    }
}
