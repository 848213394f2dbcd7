package io.billkit.application.service;

import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.provider.ProviderCustomerAccounts;
import io.billkit.domain.customer.Customer;

/**
 * The payment provider's id of a customer: the linked one, or a provider customer created now with the
 * same idempotency key as {@link UpsertCustomerService} uses (so the two never make two provider customers).
 */
final class ProviderCustomers {
    static final String CUSTOMER_REF = UpsertCustomerService.CUSTOMER_REF;

    private ProviderCustomers() {
    }

    static String ensure(Customer customer, ProviderReferenceStore references, ProviderCustomerAccounts provider,
                         Transactions tx) {
        String localId = customer.id().value();
        return references.providerId(CUSTOMER_REF, localId).orElseGet(() -> {
            String providerId = provider.createCustomer(localId, customer.name(), customer.email(),
                    "customer-create-" + localId).id();
            tx.run(() -> {
                if (references.providerId(CUSTOMER_REF, localId).isEmpty()) {
                    references.link(CUSTOMER_REF, localId, providerId);
                }
            });
            return providerId;
        });
    }
}
