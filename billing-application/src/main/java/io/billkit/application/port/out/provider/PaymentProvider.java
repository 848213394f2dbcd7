package io.billkit.application.port.out.provider;

import io.billkit.domain.catalog.CreditProduct;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The payment provider (Stripe in production, {@code MockPaymentProvider} in tests). Ids passed in
 * and returned are the provider's own ids. Every mutating call takes an {@code idempotencyKey}
 * derived from the BillKit operation, so a retry never charges twice. Failures surface as
 * {@code BillingException} with {@code PAYMENT_FAILED} (declined) or {@code PROVIDER_UNAVAILABLE}
 * (timeouts, 5xx after retries).
 */
public interface PaymentProvider {

    // --- customers
    ProviderCustomer createCustomer(String localCustomerId, String name, String email, String idempotencyKey);

    Optional<ProviderCustomer> getCustomer(String customerId);

    ProviderCustomer updateCustomer(String customerId, String name, String email, String idempotencyKey);

    void deleteCustomer(String customerId);

    // --- payment methods
    ProviderPaymentMethod attachPaymentMethod(String customerId, String paymentMethodToken, String idempotencyKey);

    List<ProviderPaymentMethod> listPaymentMethods(String customerId);

    void setDefaultPaymentMethod(String customerId, String paymentMethodId);

    void detachPaymentMethod(String paymentMethodId);

    // --- subscriptions
    ProviderSubscription createSubscription(String customerId, PlanCode plan, Optional<Instant> trialEnd,
                                            String idempotencyKey);

    Optional<ProviderSubscription> getSubscription(String subscriptionId);

    /** Moves the subscription to {@code plan}; {@code prorate} asks the provider to prorate now. */
    ProviderSubscription changePlan(String subscriptionId, PlanCode plan, boolean prorate, String idempotencyKey);

    ProviderSubscription cancelSubscription(String subscriptionId, boolean atPeriodEnd, String idempotencyKey);

    /** Undoes a scheduled cancellation. */
    ProviderSubscription resumeSubscription(String subscriptionId, String idempotencyKey);

    /** Subscriptions the provider considers active (for reconciliation). */
    List<ProviderSubscription> activeSubscriptions();

    // --- invoices
    /** Creates and finalizes an invoice with {@code items}; {@code metadata} carries BillKit's ids. */
    ProviderInvoice createInvoice(String customerId, List<ProviderInvoiceItem> items, LocalDate dueDate,
                                  Map<String, String> metadata, String idempotencyKey);

    Optional<ProviderInvoice> getInvoice(String invoiceId);

    ProviderInvoice payInvoice(String invoiceId, String idempotencyKey);

    ProviderInvoice voidInvoice(String invoiceId, String idempotencyKey);

    // --- usage
    /** Reports usage to the provider; {@code identifier} (the BillKit event id) dedupes retries. */
    void recordUsage(String customerId, MeterKey meter, BigDecimal quantity, Instant at, String identifier);

    /** Total usage the provider has for the customer and meter in {@code [from, to)}. */
    BigDecimal usage(String customerId, MeterKey meter, Instant from, Instant to);

    /** The provider's daily totals for the customer and meter in {@code [from, to)}. */
    List<ProviderUsageSummary> dailyUsage(String customerId, MeterKey meter, Instant from, Instant to);

    // --- hosted pages
    CheckoutSession createSubscriptionCheckout(String customerId, PlanCode plan, String successUrl, String cancelUrl,
                                               String idempotencyKey);

    CheckoutSession createCreditPackCheckout(String customerId, CreditProduct product, String successUrl,
                                             String cancelUrl, String idempotencyKey);

    PortalSession createPortalSession(String customerId, String returnUrl);
}
