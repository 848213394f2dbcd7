package io.billkit.application.service;

import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.customer.UpsertCustomerUseCase;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.provider.ProviderCustomerAccounts;
import io.billkit.domain.customer.Customer;

import java.util.Map;
import java.util.Objects;

/**
 * Creates or updates a customer and mirrors it at the payment provider. The provider call carries an
 * idempotency key derived from the customer id, so a retried create never makes two provider customers.
 */
public final class UpsertCustomerService implements UpsertCustomerUseCase {
    static final String CUSTOMER_REF = "customer";

    private final CustomerStore customers;
    private final ProviderReferenceStore references;
    private final ProviderCustomerAccounts provider;
    private final Transactions tx;
    private final AuditTrail audit;

    public UpsertCustomerService(CustomerStore customers, ProviderReferenceStore references, ProviderCustomerAccounts provider,
                                 Transactions tx, AuditTrail audit) {
        this.customers = Objects.requireNonNull(customers, "customers");
        this.references = Objects.requireNonNull(references, "references");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public Customer upsert(UpsertCustomerCommand command) {
        Customer customer = command.customer();
        String localId = customer.id().value();
        var existingRef = references.providerId(CUSTOMER_REF, localId);
        String providerId = existingRef.isPresent()
                ? provider.updateCustomer(existingRef.get(), customer.name(), customer.email(),
                        "customer-update-" + localId + "-" + Integer.toHexString(customer.hashCode())).id()
                : provider.createCustomer(localId, customer.name(), customer.email(), "customer-create-" + localId).id();
        return tx.inTransaction(() -> {
            boolean created = customers.find(customer.id()).isEmpty();
            customers.save(customer);
            if (existingRef.isEmpty()) {
                references.link(CUSTOMER_REF, localId, providerId);
            }
            audit.record(command.actor(), created ? "customer.created" : "customer.updated", customer.id(),
                    Map.of("name", customer.name(), "email", customer.email(), "timeZone", customer.timeZone().getId(),
                            "providerCustomer", providerId));
            return customer;
        });
    }
}
