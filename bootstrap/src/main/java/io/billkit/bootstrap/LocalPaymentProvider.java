package io.billkit.bootstrap;

import io.billkit.application.port.out.provider.CheckoutSession;
import io.billkit.application.port.out.provider.PaymentProvider;
import io.billkit.application.port.out.provider.PortalSession;
import io.billkit.application.port.out.provider.ProviderCustomer;
import io.billkit.application.port.out.provider.ProviderInvoice;
import io.billkit.application.port.out.provider.ProviderInvoiceItem;
import io.billkit.application.port.out.provider.ProviderInvoiceStatus;
import io.billkit.application.port.out.provider.ProviderSubscription;
import io.billkit.application.port.out.provider.ProviderSubscriptionStatus;
import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.CreditProduct;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The payment provider of a deployment without Stripe on a persistent store (the default {@code java -jar} run):
 * it accepts every call and charges nothing. Unlike {@code MockPaymentProvider}, whose state and sequential
 * ids ({@code cus_mock1}) vanish with the process while PostgreSQL keeps the references to them, this one is
 * safe across restarts: ids are random ({@code cus_local_<uuid>}), and calls about objects created before a
 * restart succeed instead of failing with "no such customer".
 *
 * <p>Behaviour: customers, subscriptions and checkout/portal sessions are acknowledged with fresh ids and local
 * URLs; invoices are created {@code open} and paying them marks them {@code paid} (amounts are remembered for
 * the life of the process; an invoice from before a restart is acknowledged with zero amounts); usage is not
 * reported back ({@link #usage} is zero), refunds are acknowledged as succeeded, so a reconciliation against it shows BillKit's own usage as unmatched.
 * The same idempotency key returns the first result within a process. Thread-safe.
 */
final class LocalPaymentProvider implements PaymentProvider {
    private static final String URL_BASE = "https://local.billkit.invalid/";

    private final Clock clock;
    private final Map<String, Object> byIdempotencyKey = new ConcurrentHashMap<>();
    private final Map<String, ProviderInvoice> invoices = new ConcurrentHashMap<>();

    LocalPaymentProvider(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static String id(String prefix) {
        return prefix + "_local_" + UUID.randomUUID().toString().replace("-", "");
    }

    @SuppressWarnings("unchecked")
    private <T> T once(String operation, String idempotencyKey, Supplier<T> work) {
        if (idempotencyKey == null || idempotencyKey.isEmpty()) {
            return work.get();
        }
        return (T) byIdempotencyKey.computeIfAbsent(operation + ":" + idempotencyKey, k -> work.get());
    }

    // --- customers

    @Override
    public ProviderCustomer createCustomer(String localCustomerId, String name, String email, String idempotencyKey) {
        return once("createCustomer", idempotencyKey, () -> new ProviderCustomer(id("cus"), name, email));
    }

    @Override
    public ProviderCustomer updateCustomer(String customerId, String name, String email, String idempotencyKey) {
        return new ProviderCustomer(customerId, name, email);
    }

    // --- subscriptions

    private ProviderSubscription subscription(String id, String customerId, String plan, ProviderSubscriptionStatus status,
                                              boolean cancelAtPeriodEnd) {
        Instant now = clock.instant();
        Instant end = now.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
        return new ProviderSubscription(id, customerId, plan, status, now, end, cancelAtPeriodEnd);
    }

    @Override
    public ProviderSubscription createSubscription(String customerId, PlanCode plan, Optional<Instant> trialEnd,
                                                   String idempotencyKey) {
        return once("createSubscription", idempotencyKey, () -> subscription(id("sub"), customerId, plan.value(),
                trialEnd.isPresent() ? ProviderSubscriptionStatus.TRIALING : ProviderSubscriptionStatus.ACTIVE, false));
    }

    @Override
    public ProviderSubscription changePlan(String subscriptionId, PlanCode plan, String idempotencyKey) {
        return subscription(subscriptionId, "", plan.value(), ProviderSubscriptionStatus.ACTIVE, false);
    }

    @Override
    public ProviderSubscription cancelSubscription(String subscriptionId, boolean atPeriodEnd, String idempotencyKey) {
        return subscription(subscriptionId, "", "", atPeriodEnd ? ProviderSubscriptionStatus.ACTIVE : ProviderSubscriptionStatus.CANCELED, atPeriodEnd);
    }

    @Override
    public ProviderSubscription resumeSubscription(String subscriptionId, String idempotencyKey) {
        return subscription(subscriptionId, "", "", ProviderSubscriptionStatus.ACTIVE, false);
    }

    // --- invoices

    @Override
    public ProviderInvoice createInvoice(String customerId, List<ProviderInvoiceItem> items, LocalDate dueDate,
                                         Map<String, String> metadata, String idempotencyKey) {
        BillingException.require(!items.isEmpty(), "an invoice needs at least one item");
        return once("createInvoice", idempotencyKey, () -> {
            Money total = items.stream().map(ProviderInvoiceItem::amount).reduce(Money::plus).orElseThrow();
            String id = id("in");
            ProviderInvoice invoice = new ProviderInvoice(id, customerId, ProviderInvoiceStatus.OPEN, total, total,
                    Money.zero(total.currency()), URL_BASE + "invoices/" + id);
            invoices.put(id, invoice);
            return invoice;
        });
    }

    private ProviderInvoice known(String invoiceId) {
        return invoices.getOrDefault(invoiceId, new ProviderInvoice(invoiceId, "", ProviderInvoiceStatus.OPEN, Money.zero("USD"),
                Money.zero("USD"), Money.zero("USD"), URL_BASE + "invoices/" + invoiceId));
    }

    @Override
    public ProviderInvoice payInvoice(String invoiceId, String idempotencyKey) {
        ProviderInvoice invoice = known(invoiceId);
        ProviderInvoice paid = new ProviderInvoice(invoiceId, invoice.customerId(), ProviderInvoiceStatus.PAID, invoice.total(),
                Money.zero(invoice.total().currency()), invoice.total(), invoice.hostedUrl());
        invoices.put(invoiceId, paid);
        return paid;
    }

    @Override
    public ProviderInvoice voidInvoice(String invoiceId, String idempotencyKey) {
        ProviderInvoice invoice = known(invoiceId);
        ProviderInvoice voided = new ProviderInvoice(invoiceId, invoice.customerId(), ProviderInvoiceStatus.VOID, invoice.total(),
                Money.zero(invoice.total().currency()), invoice.amountPaid(), invoice.hostedUrl());
        invoices.put(invoiceId, voided);
        return voided;
    }

    // --- usage

    @Override
    public void recordUsage(String customerId, MeterKey meter, BigDecimal quantity, Instant at, String identifier) {
        // not reported back: see the class comment
    }

    @Override
    public BigDecimal usage(String customerId, MeterKey meter, Instant from, Instant to) {
        return BigDecimal.ZERO;
    }

    // --- hosted pages

    @Override
    public CheckoutSession createSubscriptionCheckout(String customerId, PlanCode plan, String successUrl,
                                                      String cancelUrl, String idempotencyKey) {
        return once("createSubscriptionCheckout", idempotencyKey, () -> {
            String id = id("cs");
            return new CheckoutSession(id, URL_BASE + "checkout/" + id);
        });
    }

    @Override
    public CheckoutSession createCreditPackCheckout(String customerId, CreditProduct product, String successUrl,
                                                    String cancelUrl, String idempotencyKey) {
        return once("createCreditPackCheckout", idempotencyKey, () -> {
            String id = id("cs");
            return new CheckoutSession(id, URL_BASE + "checkout/" + id);
        });
    }

    @Override
    public PortalSession createPortalSession(String customerId, String returnUrl) {
        String id = id("bps");
        return new PortalSession(id, URL_BASE + "portal/" + id);
    }

    // --- refunds

    /** Acknowledges the refund (nothing is charged here, so nothing is given back); SUCCEEDED, once per key. */
    @Override
    public io.billkit.application.port.out.provider.ProviderRefund refundInvoicePayment(String invoiceId, Money amount,
                                                                                      Map<String, String> metadata,
                                                                                      String idempotencyKey) {
        return once("refundInvoicePayment", idempotencyKey, () -> new io.billkit.application.port.out.provider.ProviderRefund(
                id("re"), io.billkit.application.port.out.provider.ProviderRefund.Status.SUCCEEDED));
    }
}
