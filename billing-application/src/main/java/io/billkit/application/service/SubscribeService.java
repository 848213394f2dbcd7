package io.billkit.application.service;

import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.application.port.in.subscription.SubscribeUseCase;
import io.billkit.application.port.in.subscription.SubscriptionView;
import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.provider.ProviderCustomerAccounts;
import io.billkit.application.port.out.provider.ProviderSubscriptions;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Starts a subscription to a catalog plan in the customer's time zone (with the plan's trial), mirrors it
 * at the payment provider and grants the first period's included credits.
 *
 * <p>Ordering: the provider is called first, outside the database transaction, then everything local
 * (subscription, provider link, credits, outbox, audit) is written in one transaction. The subscription
 * id, and with it the provider idempotency key, is derived from the customer, the plan and the
 * customer's previous subscription, so a retry after a failed local write gets the same id and the
 * provider returns the subscription it made the first time instead of making a second one. The
 * price of this order: when the local write fails for good, the provider holds a subscription BillKit
 * does not know (reconciliation reports it); the other order would leave a local subscription nobody
 * is billed for, which is worse.
 */
public final class SubscribeService implements SubscribeUseCase {
    private final CustomerStore customers;
    private final SubscriptionStore subscriptions;
    private final ProviderReferenceStore references;
    private final ProviderCustomerAccounts accounts;
    private final ProviderSubscriptions provider;
    private final Catalog catalog;
    private final Transactions tx;
    private final Clock clock;
    private final SubscriptionOpener opener;

    public SubscribeService(CustomerStore customers, SubscriptionStore subscriptions, CreditLedgerStore ledgers,
                            ProviderReferenceStore references, ProviderCustomerAccounts accounts, ProviderSubscriptions provider, Catalog catalog,
                            Outbox outbox, Transactions tx, AuditTrail audit, Clock clock) {
        this.customers = Objects.requireNonNull(customers, "customers");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.references = Objects.requireNonNull(references, "references");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.opener = new SubscriptionOpener(subscriptions, Objects.requireNonNull(ledgers, "ledgers"), references,
                Objects.requireNonNull(outbox, "outbox"), Objects.requireNonNull(audit, "audit"));
    }

    @Override
    public SubscriptionView subscribe(SubscribeCommand command) {
        Customer customer = Customers.require(customers, command.customer());
        Plan plan = catalog.requirePlan(command.plan());
        requireNoLiveSubscription(customer);
        String previous = subscriptions.findLatest(customer.id()).map(s -> s.id().value()).orElse("none");
        SubscriptionId id = SubscriptionId.of("sub_" + DerivedIds.hash(customer.id().value(), plan.code().value(), previous));
        Instant now = clock.instant();
        Subscription started = Subscription.start(id, customer.id(), plan, now, customer.timeZone());

        String providerCustomer = ProviderCustomers.ensure(customer, references, accounts, tx);
        String providerSubscription = provider.createSubscription(providerCustomer, plan.code(), started.trialEnd(),
                "subscription-create-" + id.value()).id();

        return tx.inTransaction(() -> {
            requireNoLiveSubscription(customer);
            opener.open(started, plan, providerSubscription, command.actor(), "api");
            return SubscriptionViews.of(started, catalog);
        });
    }

    private void requireNoLiveSubscription(Customer customer) {
        subscriptions.findLive(customer.id()).ifPresent(live -> {
            throw new BillingException(ErrorCode.CONFLICT, "customer " + customer.id()
                    + " already has a live subscription " + live.id() + " (" + live.status() + ")");
        });
    }
}
