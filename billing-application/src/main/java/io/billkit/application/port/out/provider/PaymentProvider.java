package io.billkit.application.port.out.provider;

/**
 * A whole payment provider (Stripe in production, {@code MockPaymentProvider} in tests), as an adapter supplies it
 * and the wiring hands it around. Use cases never take this type: each takes only the role it calls
 * ({@link ProviderCustomerAccounts}, {@link ProviderSubscriptions}, {@link ProviderInvoices}, {@link ProviderUsage},
 * {@link ProviderHostedSessions}, {@link ProviderRefunds}). Ids passed in and returned are the provider's own. Every mutating call takes an
 * {@code idempotencyKey} derived from the BillKit operation, so a retry never charges twice. Failures surface as
 * {@code BillingException} with {@code PAYMENT_FAILED} (declined) or {@code PROVIDER_UNAVAILABLE} (timeouts, 5xx
 * after retries).
 */
public interface PaymentProvider extends ProviderCustomerAccounts, ProviderSubscriptions, ProviderInvoices,
        ProviderUsage, ProviderHostedSessions, ProviderRefunds {
}
