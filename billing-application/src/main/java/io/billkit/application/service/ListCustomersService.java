package io.billkit.application.service;

import io.billkit.application.port.in.customer.CustomerOverview;
import io.billkit.application.port.in.customer.CustomerPage;
import io.billkit.application.port.in.customer.ListCustomersQuery;
import io.billkit.application.port.in.customer.ListCustomersUseCase;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.subscription.Subscription;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ListCustomersUseCase}: the page of customers, then their current subscriptions in one store read
 * ({@link SubscriptionStore#currentOf}), both in one transaction so a page never mixes two moments.
 */
public final class ListCustomersService implements ListCustomersUseCase {
    private final CustomerStore customers;
    private final SubscriptionStore subscriptions;
    private final Transactions tx;
    private final Catalog catalog;

    public ListCustomersService(CustomerStore customers, SubscriptionStore subscriptions, Transactions tx,
                                Catalog catalog) {
        this.customers = Objects.requireNonNull(customers, "customers");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    @Override
    public CustomerPage list(ListCustomersQuery query) {
        Objects.requireNonNull(query, "query");
        return tx.inTransaction(() -> {
            List<Customer> all = customers.all().stream()
                    .sorted(Comparator.comparing((Customer c) -> c.id().value())).toList();
            List<Customer> page = all.stream().skip(query.offset()).limit(query.limit()).toList();
            Map<CustomerId, Subscription> current = page.isEmpty() ? Map.of()
                    : subscriptions.currentOf(page.stream().map(Customer::id).toList());
            List<CustomerOverview> items = page.stream()
                    .map(c -> new CustomerOverview(c, Optional.ofNullable(current.get(c.id()))
                            .map(s -> SubscriptionViews.of(s, catalog))))
                    .toList();
            return new CustomerPage(items, query.page(), query.limit(), all.size());
        });
    }
}
