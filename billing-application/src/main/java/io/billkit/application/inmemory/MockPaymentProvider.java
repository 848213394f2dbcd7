package io.billkit.application.inmemory;

import io.billkit.application.port.in.ProviderEvent;
import io.billkit.application.port.out.provider.CheckoutSession;
import io.billkit.application.port.out.provider.PaymentProvider;
import io.billkit.application.port.out.provider.PortalSession;
import io.billkit.application.port.out.provider.ProviderCustomer;
import io.billkit.application.port.out.provider.ProviderInvoice;
import io.billkit.application.port.out.provider.ProviderInvoiceItem;
import io.billkit.application.port.out.provider.ProviderSubscription;
import io.billkit.application.port.out.provider.ProviderRefund;
import io.billkit.domain.money.Money;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.CreditProduct;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A stateful stand-in for Stripe, for tests and for running BillKit without a network. It keeps customers,
 * subscriptions, invoices and usage (one role class per port: {@link MockCustomerAccounts}, {@link MockSubscriptions},
 * {@link MockInvoices}, {@link MockUsage}, {@link MockHostedSessions}, {@link MockRefunds}, sharing one {@link MockProviderState}); records
 * every call ({@link #calls()}); honours idempotency keys like Stripe (the same key returns the first result); can be
 * told to fail the next call ({@link #failNextCall(Failure)}); and emits {@link ProviderEvent}s (invoice paid, payment
 * failed, checkout completed...) to a listener, like webhooks would. Thread-safe.
 */
public final class MockPaymentProvider implements PaymentProvider {

    /** A failure the next call suffers. */
    public enum Failure {
        /** The card is declined: {@link ErrorCode#PAYMENT_FAILED}. */
        CARD_DECLINED,
        /** The provider does not answer: {@link ErrorCode#PROVIDER_UNAVAILABLE}. */
        TIMEOUT
    }

    /** One recorded call: method name, idempotency key (empty when none) and arguments. */
    public record Call(String method, String idempotencyKey, List<String> arguments) {
    }

    private final MockProviderState state;
    private final MockCustomerAccounts customers;
    private final MockSubscriptions subscriptions;
    private final MockInvoices invoices;
    private final MockUsage usage;
    private final MockHostedSessions sessions;
    private final MockRefunds refunds;

    public MockPaymentProvider(Clock clock) {
        this.state = new MockProviderState(clock);
        this.customers = new MockCustomerAccounts(state);
        this.subscriptions = new MockSubscriptions(state);
        this.invoices = new MockInvoices(state);
        this.usage = new MockUsage(state);
        this.sessions = new MockHostedSessions(state, subscriptions);
        this.refunds = new MockRefunds(state, invoices);
    }

    // --- test controls and inspection

    /** Where emitted provider events go (e.g. the HandleProviderEvent use case). */
    public void onEvent(Consumer<ProviderEvent> eventListener) {
        state.listener(eventListener);
    }

    /** Makes the next call fail with {@code failure}; the call after that succeeds again. */
    public void failNextCall(Failure failure) {
        synchronized (state) {
            state.failNext(failure);
        }
    }

    /** Fails the next call of {@code method} (e.g. {@code "cancelSubscription"}) with {@code failure}; others run. */
    public void failNextCall(String method, Failure failure) {
        synchronized (state) {
            state.failNext(method, failure);
        }
    }

    /**
     * Declines the next {@code count} invoice payments ({@link #payInvoice}: PAYMENT_FAILED, with the payment-failed
     * event a webhook would carry), e.g. to run a dunning schedule; 0 stops declining. Other calls are unaffected.
     */
    public void failNextPayments(int count) {
        synchronized (state) {
            state.declinePayments(count);
        }
    }

    /** Every call so far, oldest first. */
    public List<Call> calls() {
        synchronized (state) {
            return state.calls();
        }
    }

    /** Names of the calls so far, oldest first. */
    public List<String> callNames() {
        return calls().stream().map(Call::method).toList();
    }

    /** Every invoice the provider holds, oldest first. */
    public List<ProviderInvoice> invoices() {
        return invoices.all();
    }

    /** The provider's invoice {@code invoiceId}, as a test would look it up in Stripe's dashboard. */
    public Optional<ProviderInvoice> invoice(String invoiceId) {
        return invoices.find(invoiceId);
    }

    /** The provider's subscription {@code subscriptionId}. */
    public Optional<ProviderSubscription> subscription(String subscriptionId) {
        return subscriptions.find(subscriptionId);
    }

    /** Sets what the provider believes a meter's usage to be, e.g. to stage a reconciliation mismatch. */
    public void recordProviderUsage(String customerId, MeterKey meter, BigDecimal quantity, Instant at) {
        usage.seed(customerId, meter, quantity, at);
    }

    /** Completes a checkout session as if the customer paid, and emits its completion event. */
    public void completeCheckout(String sessionId) {
        sessions.complete(sessionId);
    }

    /**
     * Refunds {@code amount} of the paid invoice {@code invoiceId} as if done in the provider's dashboard (no BillKit
     * metadata), and emits its {@code ChargeRefunded} event.
     */
    public ProviderRefund refundInDashboard(String invoiceId, Money amount) {
        return refunds.refundInDashboard(invoiceId, amount);
    }

    // --- the ports, by role

    @Override
    public ProviderRefund refundInvoicePayment(String invoiceId, Money amount, Map<String, String> metadata,
                                               String idempotencyKey) {
        return refunds.refundInvoicePayment(invoiceId, amount, metadata, idempotencyKey);
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
}
