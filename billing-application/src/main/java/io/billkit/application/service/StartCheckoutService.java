package io.billkit.application.service;

import io.billkit.application.port.in.subscription.CheckoutKind;
import io.billkit.application.port.in.subscription.CheckoutView;
import io.billkit.application.port.in.subscription.StartCheckoutCommand;
import io.billkit.application.port.in.subscription.StartCheckoutUseCase;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.provider.CheckoutSession;
import io.billkit.application.port.out.provider.ProviderCustomerAccounts;
import io.billkit.application.port.out.provider.ProviderHostedSessions;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.CreditProduct;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.Customer;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Opens a hosted checkout at the payment provider for a plan (the customer must not have a live
 * subscription: CONFLICT) or a credit pack. Nothing local changes until the provider reports the
 * completed checkout ({@code checkout.session.completed}, see {@link HandleProviderEventService}). The
 * idempotency key is derived from the customer, the item and the current instant, so a double submit
 * at the same instant opens one session.
 */
public final class StartCheckoutService implements StartCheckoutUseCase {
    private final CustomerStore customers;
    private final SubscriptionStore subscriptions;
    private final ProviderReferenceStore references;
    private final ProviderCustomerAccounts accounts;
    private final ProviderHostedSessions provider;
    private final Catalog catalog;
    private final Transactions tx;
    private final AuditTrail audit;
    private final Clock clock;

    public StartCheckoutService(CustomerStore customers, SubscriptionStore subscriptions,
                                ProviderReferenceStore references, ProviderCustomerAccounts accounts, ProviderHostedSessions provider, Catalog catalog,
                                Transactions tx, AuditTrail audit, Clock clock) {
        this.customers = Objects.requireNonNull(customers, "customers");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.references = Objects.requireNonNull(references, "references");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CheckoutView start(StartCheckoutCommand command) {
        Customer customer = Customers.require(customers, command.customer());
        String key = "checkout-" + DerivedIds.hash(customer.id().value(), command.kind().name(), command.itemCode(),
                command.successUrl(), command.cancelUrl(), clock.instant().toString());
        CheckoutSession session;
        if (command.kind() == CheckoutKind.SUBSCRIPTION) {
            Plan plan = catalog.requirePlan(PlanCode.of(command.itemCode()));
            subscriptions.findLive(customer.id()).ifPresent(live -> {
                throw new BillingException(ErrorCode.CONFLICT, "customer " + customer.id()
                        + " already has a live subscription " + live.id());
            });
            String providerCustomer = ProviderCustomers.ensure(customer, references, accounts, tx);
            session = provider.createSubscriptionCheckout(providerCustomer, plan.code(), command.successUrl(),
                    command.cancelUrl(), key);
        } else {
            CreditProduct product = catalog.requireCreditProduct(command.itemCode());
            String providerCustomer = ProviderCustomers.ensure(customer, references, accounts, tx);
            session = provider.createCreditPackCheckout(providerCustomer, product, command.successUrl(),
                    command.cancelUrl(), key);
        }
        tx.run(() -> audit.record(command.actor(), "checkout.started", customer.id(), Map.of(
                "kind", command.kind().name(), "item", command.itemCode(), "session", session.id())));
        return new CheckoutView(session.id(), session.url());
    }
}
