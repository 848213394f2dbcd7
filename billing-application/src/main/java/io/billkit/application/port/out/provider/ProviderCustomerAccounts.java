package io.billkit.application.port.out.provider;

/**
 * The payment provider's customer accounts: what {@code UpsertCustomer} and the use cases that need a provider
 * customer first (subscribe, checkout, portal, credit purchase) call. Ids returned are the provider's own.
 * Failures surface as {@code BillingException} ({@code PROVIDER_UNAVAILABLE}, {@code NOT_FOUND}).
 */
public interface ProviderCustomerAccounts {

    /** Creates the customer; {@code idempotencyKey} makes a retry return the first one. */
    ProviderCustomer createCustomer(String localCustomerId, String name, String email, String idempotencyKey);

    ProviderCustomer updateCustomer(String customerId, String name, String email, String idempotencyKey);
}
