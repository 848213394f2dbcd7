package io.billkit.application.service;

import io.billkit.application.port.in.dunning.CustomerDunningView;
import io.billkit.application.port.in.dunning.DunningCaseView;
import io.billkit.application.port.in.dunning.GetDunningUseCase;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.DunningStore;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.subscription.Subscription;

import java.util.List;
import java.util.Objects;

/** A customer's dunning state, read in one transaction; never writes. */
public final class GetDunningService implements GetDunningUseCase {
    private final CustomerStore customers;
    private final SubscriptionStore subscriptions;
    private final InvoiceStore invoices;
    private final DunningStore dunning;
    private final Transactions tx;

    public GetDunningService(CustomerStore customers, SubscriptionStore subscriptions, InvoiceStore invoices,
                             DunningStore dunning, Transactions tx) {
        this.customers = Objects.requireNonNull(customers, "customers");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.invoices = Objects.requireNonNull(invoices, "invoices");
        this.dunning = Objects.requireNonNull(dunning, "dunning");
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public CustomerDunningView of(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        return tx.inTransaction(() -> {
            if (customers.find(customer).isEmpty()) {
                throw new BillingException(ErrorCode.NOT_FOUND, "customer '" + customer + "' not found");
            }
            List<DunningCaseView> cases = dunning.ofCustomer(customer).stream()
                    .map(c -> DunningViews.of(c, dunning, invoices)).toList();
            boolean pastDue = cases.stream().anyMatch(c -> c.status().isUnresolved());
            return new CustomerDunningView(customer, subscriptions.findLatest(customer).map(Subscription::status),
                    pastDue, cases);
        });
    }
}
