package io.billkit.adapter.stripe;

import com.stripe.StripeClient;
import io.billkit.application.port.out.provider.CheckoutSession;
import io.billkit.application.port.out.provider.PaymentProvider;
import io.billkit.application.port.out.provider.PortalSession;
import io.billkit.application.port.out.provider.ProviderCustomer;
import io.billkit.application.port.out.provider.ProviderInvoice;
import io.billkit.application.port.out.provider.ProviderInvoiceItem;
import io.billkit.application.port.out.provider.ProviderSubscription;
import io.billkit.domain.catalog.CreditProduct;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link PaymentProvider} on Stripe, through stripe-java's {@link StripeClient}: one class per role port
 * ({@link StripeCustomerAccounts}, {@link StripeSubscriptions}, {@link StripeInvoices}, {@link StripeUsage},
 * {@link StripeHostedSessions}, {@link StripeRefunds}) sharing one {@link StripeContext}; this class only delegates.
 *
 * <ul>
 *   <li>Every POST carries an {@code Idempotency-Key}: the port's key namespaced by the Stripe operation
 *       ({@code subscription.create:<key>}), or, where the port passes none, one derived from the operation and
 *       the ids it acts on. stripe-java's network retries resend the same key, so a retry never charges twice.</li>
 *   <li>Network errors, timeouts, 409 and 5xx are retried by stripe-java, 429 by this adapter ({@link StripeCalls}),
 *       each up to {@link StripeConfig#maxNetworkRetries()} times; what still fails is {@code PROVIDER_UNAVAILABLE}. A
 *       declined card is {@code PAYMENT_FAILED}, a missing object {@code NOT_FOUND}.</li>
 *   <li>Money becomes Stripe's integer amounts here only ({@link StripeAmounts}), exactly.</li>
 *   <li>BillKit is the biller of record: plan changes go to Stripe with {@code proration_behavior=none}.</li>
 * </ul>
 * Thread-safe.
 */
public final class StripePaymentProvider implements PaymentProvider {

    private static final Duration DEFAULT_RATE_LIMIT_BACKOFF = Duration.ofMillis(500);

    private final StripeCustomerAccounts customers;
    private final StripeSubscriptions subscriptions;
    private final StripeInvoices invoices;
    private final StripeUsage usage;
    private final StripeHostedSessions sessions;
    private final StripeRefunds refunds;

    /** A provider for the account in {@code config}; reads the system clock only to key portal sessions. */
    public StripePaymentProvider(StripeConfig config) {
        this(config, Clock.systemUTC());
    }

    /** @param clock buckets the derived idempotency key of portal sessions (one fresh session per minute) */
    public StripePaymentProvider(StripeConfig config, Clock clock) {
        this(config, clock, DEFAULT_RATE_LIMIT_BACKOFF);
    }

    StripePaymentProvider(StripeConfig config, Clock clock, Duration rateLimitBackoff) {
        StripeContext context = StripeContext.of(config, clock, rateLimitBackoff);
        this.customers = new StripeCustomerAccounts(context);
        this.subscriptions = new StripeSubscriptions(context);
        this.invoices = new StripeInvoices(context);
        this.usage = new StripeUsage(context);
        this.sessions = new StripeHostedSessions(context);
        this.refunds = new StripeRefunds(context);
    }

    @Override
    public ProviderCustomer createCustomer(String localCustomerId, String name, String email, String idempotencyKey) {
        return customers.createCustomer(localCustomerId, name, email, idempotencyKey);
    }

    @Override
    public ProviderCustomer updateCustomer(String customerId, String name, String email, String idempotencyKey) {
        return customers.updateCustomer(customerId, name, email, idempotencyKey);
    }

    @Override
    public ProviderSubscription createSubscription(String customerId, PlanCode plan, Optional<Instant> trialEnd,
                                                   String idempotencyKey) {
        return subscriptions.createSubscription(customerId, plan, trialEnd, idempotencyKey);
    }

    @Override
    public ProviderSubscription changePlan(String subscriptionId, PlanCode plan, String idempotencyKey) {
        return subscriptions.changePlan(subscriptionId, plan, idempotencyKey);
    }

    @Override
    public ProviderSubscription cancelSubscription(String subscriptionId, boolean atPeriodEnd, String idempotencyKey) {
        return subscriptions.cancelSubscription(subscriptionId, atPeriodEnd, idempotencyKey);
    }

    @Override
    public ProviderSubscription resumeSubscription(String subscriptionId, String idempotencyKey) {
        return subscriptions.resumeSubscription(subscriptionId, idempotencyKey);
    }

    @Override
    public ProviderInvoice createInvoice(String customerId, List<ProviderInvoiceItem> items, LocalDate dueDate,
                                         Map<String, String> metadata, String idempotencyKey) {
        return invoices.createInvoice(customerId, items, dueDate, metadata, idempotencyKey);
    }

    @Override
    public ProviderInvoice payInvoice(String invoiceId, String idempotencyKey) {
        return invoices.payInvoice(invoiceId, idempotencyKey);
    }

    @Override
    public ProviderInvoice voidInvoice(String invoiceId, String idempotencyKey) {
        return invoices.voidInvoice(invoiceId, idempotencyKey);
    }

    @Override
    public void recordUsage(String customerId, MeterKey meter, BigDecimal quantity, Instant at, String identifier) {
        usage.recordUsage(customerId, meter, quantity, at, identifier);
    }

    @Override
    public BigDecimal usage(String customerId, MeterKey meter, Instant from, Instant to) {
        return usage.usage(customerId, meter, from, to);
    }

    @Override
    public CheckoutSession createSubscriptionCheckout(String customerId, PlanCode plan, String successUrl, String cancelUrl,
                                                      String idempotencyKey) {
        return sessions.createSubscriptionCheckout(customerId, plan, successUrl, cancelUrl, idempotencyKey);
    }

    @Override
    public CheckoutSession createCreditPackCheckout(String customerId, CreditProduct product, String successUrl,
                                                    String cancelUrl, String idempotencyKey) {
        return sessions.createCreditPackCheckout(customerId, product, successUrl, cancelUrl, idempotencyKey);
    }

    @Override
    public PortalSession createPortalSession(String customerId, String returnUrl) {
        return sessions.createPortalSession(customerId, returnUrl);
    }

    @Override
    public io.billkit.application.port.out.provider.ProviderRefund refundInvoicePayment(String invoiceId,
            io.billkit.domain.money.Money amount, Map<String, String> metadata, String idempotencyKey) {
        return refunds.refundInvoicePayment(invoiceId, amount, metadata, idempotencyKey);
    }
}
