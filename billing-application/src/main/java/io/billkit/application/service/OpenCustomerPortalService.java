package io.billkit.application.service;

import io.billkit.application.port.in.subscription.OpenCustomerPortalCommand;
import io.billkit.application.port.in.subscription.OpenCustomerPortalUseCase;
import io.billkit.application.port.in.subscription.PortalView;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.provider.ProviderCustomerAccounts;
import io.billkit.application.port.out.provider.ProviderHostedSessions;
import io.billkit.application.port.out.provider.PortalSession;
import io.billkit.domain.customer.Customer;

import java.util.Map;
import java.util.Objects;

/** Opens the payment provider's customer portal (payment methods, invoices) for a known customer. */
public final class OpenCustomerPortalService implements OpenCustomerPortalUseCase {
    private final CustomerStore customers;
    private final ProviderReferenceStore references;
    private final ProviderCustomerAccounts accounts;
    private final ProviderHostedSessions provider;
    private final Transactions tx;
    private final AuditTrail audit;

    public OpenCustomerPortalService(CustomerStore customers, ProviderReferenceStore references,
                                     ProviderCustomerAccounts accounts, ProviderHostedSessions provider, Transactions tx, AuditTrail audit) {
        this.customers = Objects.requireNonNull(customers, "customers");
        this.references = Objects.requireNonNull(references, "references");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public PortalView open(OpenCustomerPortalCommand command) {
        Customer customer = Customers.require(customers, command.customer());
        String providerCustomer = ProviderCustomers.ensure(customer, references, accounts, tx);
        PortalSession session = provider.createPortalSession(providerCustomer, command.returnUrl());
        tx.run(() -> audit.record(command.actor(), "portal.opened", customer.id(),
                Map.of("session", session.id(), "returnUrl", command.returnUrl())));
        return new PortalView(session.url());
    }
}
