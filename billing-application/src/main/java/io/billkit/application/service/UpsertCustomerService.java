package io.billkit.application.service;

import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.customer.UpsertCustomerUseCase;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.provider.PaymentProvider;
import io.billkit.domain.customer.Customer;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates or updates a customer and mirrors it at the payment provider. The provider call carries an
 * idempotency key derived from the customer id, so a retried create never makes two provider customers.
 *
 * <p>When the provider is unreachable ({@code PROVIDER_UNAVAILABLE}) while creating, the customer is saved
 * without a provider link: the first operation that needs the provider customer ({@link ProviderCustomers})
 * creates it later with the same idempotency key. An update of a linked customer still fails (503), so the
 * provider never keeps stale details silently.
 */
public final class UpsertCustomerService implements UpsertCustomerUseCase {
    static final String CUSTOMER_REF = "customer";
    private static final Logger LOG = LoggerFactory.getLogger(UpsertCustomerService.class);

    private final CustomerStore customers;
    private final ProviderReferenceStore references;
    private final PaymentProvider provider;
    private final Transactions tx;
    private final AuditTrail audit;

    public UpsertCustomerService(CustomerStore customers, ProviderReferenceStore references, PaymentProvider provider,
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
        Optional<String> providerId;
        if (existingRef.isPresent()) {
            providerId = Optional.of(provider.updateCustomer(existingRef.get(), customer.name(), customer.email(),
                    "customer-update-" + localId + "-" + Integer.toHexString(customer.hashCode())).id());
        } else {
            providerId = createAtProvider(customer, localId);
        }
        return tx.inTransaction(() -> {
            boolean created = customers.find(customer.id()).isEmpty();
            customers.save(customer);
            if (existingRef.isEmpty() && providerId.isPresent()
                    && references.providerId(CUSTOMER_REF, localId).isEmpty()) {
                references.link(CUSTOMER_REF, localId, providerId.get());
            }
            audit.record(command.actor(), created ? "customer.created" : "customer.updated", customer.id(),
                    Map.of("name", customer.name(), "email", customer.email(), "timeZone", customer.timeZone().getId(),
                            "providerCustomer", providerId.orElse("pending")));
            return customer;
        });
    }

    private Optional<String> createAtProvider(Customer customer, String localId) {
        try {
            return Optional.of(provider.createCustomer(localId, customer.name(), customer.email(),
                    "customer-create-" + localId).id());
        } catch (BillingException e) {
            if (e.code() != ErrorCode.PROVIDER_UNAVAILABLE) {
                throw e;
            }
            LOG.warn("payment provider unreachable: customer {} saved without a provider customer; it is created "
                    + "when first needed ({})", localId, e.getMessage());
            return Optional.empty();
        }
    }
}
