package io.billkit.application.inmemory;

import io.billkit.application.port.in.ProviderEvent;
import io.billkit.application.port.out.provider.CheckoutSession;
import io.billkit.application.port.out.provider.PaymentProvider;
import io.billkit.application.port.out.provider.PortalSession;
import io.billkit.application.port.out.provider.ProviderCustomer;
import io.billkit.application.port.out.provider.ProviderInvoice;
import io.billkit.application.port.out.provider.ProviderInvoiceItem;
import io.billkit.application.port.out.provider.ProviderPaymentMethod;
import io.billkit.application.port.out.provider.ProviderSubscription;
import io.billkit.application.port.out.provider.ProviderUsageSummary;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.CreditProduct;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A stateful stand-in for Stripe, for tests and for running BillKit without a network. It keeps
 * customers, payment methods, subscriptions, invoices and usage; records every call
 * ({@link #calls()}); honours idempotency keys like Stripe (the same key returns the first result);
 * can be told to fail the next call ({@link #failNextCall(Failure)}); and emits {@link ProviderEvent}s
 * (invoice paid, payment failed, checkout completed...) to a listener, like webhooks would.
 * Thread-safe: every method is synchronized.
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

    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Object> byIdempotencyKey = new HashMap<>();
    private final Map<String, ProviderCustomer> customers = new LinkedHashMap<>();
    private final Map<String, ProviderPaymentMethod> paymentMethods = new LinkedHashMap<>();
    private final Map<String, ProviderSubscription> subscriptions = new LinkedHashMap<>();
    private final Map<String, ProviderInvoice> invoices = new LinkedHashMap<>();
    private final Map<String, UsageRecord> usage = new LinkedHashMap<>();
    private final Map<String, CheckoutSession> checkouts = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> checkoutData = new HashMap<>();
    private Consumer<ProviderEvent> listener = event -> { };
    private Failure nextFailure;

    private record UsageRecord(String customerId, MeterKey meter, BigDecimal quantity, Instant at) {
    }

    public MockPaymentProvider(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Where emitted provider events go (e.g. the HandleProviderEvent use case). */
    public synchronized void onEvent(Consumer<ProviderEvent> eventListener) {
        this.listener = Objects.requireNonNull(eventListener, "eventListener");
    }

    /** Makes the next call fail with {@code failure}; the call after that succeeds again. */
    public synchronized void failNextCall(Failure failure) {
        this.nextFailure = Objects.requireNonNull(failure, "failure");
    }

    /** Every call so far, oldest first. */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Names of the calls so far, oldest first. */
    public synchronized List<String> callNames() {
        return calls.stream().map(Call::method).toList();
    }

    public synchronized List<ProviderInvoice> invoices() {
        return List.copyOf(invoices.values());
    }

    /** Sets what the provider believes a meter's usage to be, e.g. to stage a reconciliation mismatch. */
    public synchronized void recordProviderUsage(String customerId, MeterKey meter, BigDecimal quantity, Instant at) {
        usage.put("seeded-" + sequence.incrementAndGet(), new UsageRecord(customerId, meter, quantity, at));
    }

    /** Completes a checkout session as if the customer paid, and emits {@code checkout.session.completed}. */
    public void completeCheckout(String sessionId) {
        ProviderEvent event;
        synchronized (this) {
            CheckoutSession session = require(checkouts.get(sessionId), "checkout session", sessionId);
            Map<String, String> data = new HashMap<>(checkoutData.get(sessionId));
            data.put(ProviderEvent.STATUS, "complete");
            data.put(ProviderEvent.MODE, session.mode());
            if (session.mode().equals("subscription")) {
                ProviderSubscription subscription = newSubscription(data.get(ProviderEvent.CUSTOMER),
                        PlanCode.of(data.get(ProviderEvent.PLAN)), Optional.empty());
                data.put(ProviderEvent.SUBSCRIPTION, subscription.id());
            }
            event = event("checkout.session.completed", sessionId, data);
        }
        listener.accept(event);
    }

    // --- customers

    @Override
    public synchronized ProviderCustomer createCustomer(String localCustomerId, String name, String email, String idempotencyKey) {
        return idempotent("createCustomer", idempotencyKey, List.of(localCustomerId, name, email), () -> {
            ProviderCustomer customer = new ProviderCustomer(id("cus"), name, email);
            customers.put(customer.id(), customer);
            return customer;
        });
    }

    @Override
    public synchronized Optional<ProviderCustomer> getCustomer(String customerId) {
        record("getCustomer", "", customerId);
        return Optional.ofNullable(customers.get(customerId));
    }

    @Override
    public synchronized ProviderCustomer updateCustomer(String customerId, String name, String email, String idempotencyKey) {
        return idempotent("updateCustomer", idempotencyKey, List.of(customerId, name, email), () -> {
            require(customers.get(customerId), "customer", customerId);
            ProviderCustomer updated = new ProviderCustomer(customerId, name, email);
            customers.put(customerId, updated);
            return updated;
        });
    }

    @Override
    public synchronized void deleteCustomer(String customerId) {
        record("deleteCustomer", "", customerId);
        require(customers.remove(customerId), "customer", customerId);
    }

    // --- payment methods

    @Override
    public synchronized ProviderPaymentMethod attachPaymentMethod(String customerId, String paymentMethodToken, String idempotencyKey) {
        return idempotent("attachPaymentMethod", idempotencyKey, List.of(customerId, paymentMethodToken), () -> {
            require(customers.get(customerId), "customer", customerId);
            if (paymentMethodToken.contains("declined")) {
                throw new BillingException(ErrorCode.PAYMENT_FAILED, "card declined");
            }
            boolean first = paymentMethods.values().stream().noneMatch(pm -> pm.customerId().equals(customerId));
            String last4 = paymentMethodToken.length() >= 4 ? paymentMethodToken.substring(paymentMethodToken.length() - 4) : "4242";
            ProviderPaymentMethod method = new ProviderPaymentMethod(id("pm"), customerId, "visa", last4, first);
            paymentMethods.put(method.id(), method);
            return method;
        });
    }

    @Override
    public synchronized List<ProviderPaymentMethod> listPaymentMethods(String customerId) {
        record("listPaymentMethods", "", customerId);
        return paymentMethods.values().stream().filter(pm -> pm.customerId().equals(customerId)).toList();
    }

    @Override
    public synchronized void setDefaultPaymentMethod(String customerId, String paymentMethodId) {
        record("setDefaultPaymentMethod", "", customerId, paymentMethodId);
        require(paymentMethods.get(paymentMethodId), "payment method", paymentMethodId);
        paymentMethods.replaceAll((id, pm) -> pm.customerId().equals(customerId)
                ? new ProviderPaymentMethod(pm.id(), pm.customerId(), pm.brand(), pm.last4(), id.equals(paymentMethodId))
                : pm);
    }

    @Override
    public synchronized void detachPaymentMethod(String paymentMethodId) {
        record("detachPaymentMethod", "", paymentMethodId);
        require(paymentMethods.remove(paymentMethodId), "payment method", paymentMethodId);
    }

    // --- subscriptions

    @Override
    public synchronized ProviderSubscription createSubscription(String customerId, PlanCode plan, Optional<Instant> trialEnd,
                                                                String idempotencyKey) {
        return idempotent("createSubscription", idempotencyKey, List.of(customerId, plan.value()),
                () -> newSubscription(customerId, plan, trialEnd));
    }

    private ProviderSubscription newSubscription(String customerId, PlanCode plan, Optional<Instant> trialEnd) {
        require(customers.get(customerId), "customer", customerId);
        Instant now = clock.instant();
        ProviderSubscription subscription = new ProviderSubscription(id("sub"), customerId, plan.value(),
                trialEnd.isPresent() ? "trialing" : "active", now, now.plus(Duration.ofDays(30)), false);
        subscriptions.put(subscription.id(), subscription);
        return subscription;
    }

    @Override
    public synchronized Optional<ProviderSubscription> getSubscription(String subscriptionId) {
        record("getSubscription", "", subscriptionId);
        return Optional.ofNullable(subscriptions.get(subscriptionId));
    }

    @Override
    public synchronized ProviderSubscription changePlan(String subscriptionId, PlanCode plan, boolean prorate, String idempotencyKey) {
        return idempotent("changePlan", idempotencyKey, List.of(subscriptionId, plan.value(), String.valueOf(prorate)), () ->
                replaceSubscription(subscriptionId, s -> new ProviderSubscription(s.id(), s.customerId(), plan.value(),
                        s.status(), s.currentPeriodStart(), s.currentPeriodEnd(), s.cancelAtPeriodEnd())));
    }

    @Override
    public synchronized ProviderSubscription cancelSubscription(String subscriptionId, boolean atPeriodEnd, String idempotencyKey) {
        return idempotent("cancelSubscription", idempotencyKey, List.of(subscriptionId, String.valueOf(atPeriodEnd)), () ->
                replaceSubscription(subscriptionId, s -> new ProviderSubscription(s.id(), s.customerId(), s.planCode(),
                        atPeriodEnd ? s.status() : "canceled", s.currentPeriodStart(), s.currentPeriodEnd(), atPeriodEnd)));
    }

    @Override
    public synchronized ProviderSubscription resumeSubscription(String subscriptionId, String idempotencyKey) {
        return idempotent("resumeSubscription", idempotencyKey, List.of(subscriptionId), () ->
                replaceSubscription(subscriptionId, s -> {
                    if (s.status().equals("canceled")) {
                        throw new BillingException(ErrorCode.ILLEGAL_TRANSITION, "subscription " + s.id() + " is canceled");
                    }
                    return new ProviderSubscription(s.id(), s.customerId(), s.planCode(), s.status(),
                            s.currentPeriodStart(), s.currentPeriodEnd(), false);
                }));
    }

    @Override
    public synchronized List<ProviderSubscription> activeSubscriptions() {
        record("activeSubscriptions", "");
        return subscriptions.values().stream().filter(s -> !s.status().equals("canceled")).toList();
    }

    private ProviderSubscription replaceSubscription(String id, java.util.function.UnaryOperator<ProviderSubscription> change) {
        ProviderSubscription updated = change.apply(require(subscriptions.get(id), "subscription", id));
        subscriptions.put(id, updated);
        return updated;
    }

    // --- invoices

    @Override
    public synchronized ProviderInvoice createInvoice(String customerId, List<ProviderInvoiceItem> items, LocalDate dueDate,
                                                      Map<String, String> metadata, String idempotencyKey) {
        List<String> args = new ArrayList<>(List.of(customerId, dueDate.toString()));
        items.forEach(item -> args.add(item.description() + "=" + item.amount()));
        return idempotent("createInvoice", idempotencyKey, args, () -> {
            require(customers.get(customerId), "customer", customerId);
            BillingException.require(!items.isEmpty(), "an invoice needs at least one item");
            Money total = items.stream().map(ProviderInvoiceItem::amount).reduce(Money::plus).orElseThrow();
            ProviderInvoice invoice = new ProviderInvoice(id("in"), customerId, "open", total, total,
                    Money.zero(total.currency()), "https://invoice.mock.billkit/" + sequence.get());
            invoices.put(invoice.id(), invoice);
            return invoice;
        });
    }

    @Override
    public synchronized Optional<ProviderInvoice> getInvoice(String invoiceId) {
        record("getInvoice", "", invoiceId);
        return Optional.ofNullable(invoices.get(invoiceId));
    }

    /**
     * Pays an open invoice with the customer's default payment method and emits
     * {@code invoice.payment_succeeded}, or {@code invoice.payment_failed} when told to decline.
     * A replay of the same idempotency key returns the first result and emits nothing.
     */
    @Override
    public ProviderInvoice payInvoice(String invoiceId, String idempotencyKey) {
        ProviderInvoice paid = null;
        ProviderEvent event = null;
        BillingException failure = null;
        synchronized (this) {
            boolean replay = byIdempotencyKey.containsKey(idempotencyKey);
            try {
                paid = idempotent("payInvoice", idempotencyKey, List.of(invoiceId), () -> {
                    ProviderInvoice invoice = require(invoices.get(invoiceId), "invoice", invoiceId);
                    if (!invoice.status().equals("open")) {
                        throw new BillingException(ErrorCode.ILLEGAL_TRANSITION, "invoice " + invoiceId + " is " + invoice.status());
                    }
                    ProviderInvoice updated = new ProviderInvoice(invoice.id(), invoice.customerId(), "paid", invoice.total(),
                            Money.zero(invoice.total().currency()), invoice.total(), invoice.hostedUrl());
                    invoices.put(invoiceId, updated);
                    return updated;
                });
                if (!replay) {
                    event = event("invoice.payment_succeeded", invoiceId, invoiceData(paid, "paid"));
                }
            } catch (BillingException e) {
                failure = e;
                ProviderInvoice invoice = invoices.get(invoiceId);
                if (e.code() == ErrorCode.PAYMENT_FAILED && invoice != null) {
                    event = event("invoice.payment_failed", invoiceId, invoiceData(invoice, "open"));
                }
            }
        }
        if (event != null) {
            listener.accept(event);
        }
        if (failure != null) {
            throw failure;
        }
        return paid;
    }

    private Map<String, String> invoiceData(ProviderInvoice invoice, String status) {
        Map<String, String> data = new HashMap<>();
        data.put(ProviderEvent.CUSTOMER, invoice.customerId());
        data.put(ProviderEvent.INVOICE, invoice.id());
        data.put(ProviderEvent.STATUS, status);
        data.put(ProviderEvent.AMOUNT_MINOR, Long.toString(invoice.total().toMinor()));
        data.put(ProviderEvent.CURRENCY, invoice.total().currencyCode().toLowerCase(java.util.Locale.ROOT));
        return data;
    }

    @Override
    public synchronized ProviderInvoice voidInvoice(String invoiceId, String idempotencyKey) {
        return idempotent("voidInvoice", idempotencyKey, List.of(invoiceId), () -> {
            ProviderInvoice invoice = require(invoices.get(invoiceId), "invoice", invoiceId);
            if (invoice.status().equals("paid")) {
                throw new BillingException(ErrorCode.ILLEGAL_TRANSITION, "invoice " + invoiceId + " is paid");
            }
            ProviderInvoice updated = new ProviderInvoice(invoice.id(), invoice.customerId(), "void", invoice.total(),
                    Money.zero(invoice.total().currency()), invoice.amountPaid(), invoice.hostedUrl());
            invoices.put(invoiceId, updated);
            return updated;
        });
    }

    // --- usage

    @Override
    public synchronized void recordUsage(String customerId, MeterKey meter, BigDecimal quantity, Instant at, String identifier) {
        record("recordUsage", identifier, customerId, meter.value(), quantity.toPlainString(), at.toString());
        failIfTold();
        usage.putIfAbsent(identifier, new UsageRecord(customerId, meter, quantity, at));
    }

    @Override
    public synchronized BigDecimal usage(String customerId, MeterKey meter, Instant from, Instant to) {
        record("usage", "", customerId, meter.value(), from.toString(), to.toString());
        failIfTold();
        return sumUsage(customerId, meter, from, to);
    }

    private BigDecimal sumUsage(String customerId, MeterKey meter, Instant from, Instant to) {
        return usage.values().stream()
                .filter(u -> u.customerId().equals(customerId) && u.meter().equals(meter))
                .filter(u -> !u.at().isBefore(from) && u.at().isBefore(to))
                .map(UsageRecord::quantity)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Override
    public synchronized List<ProviderUsageSummary> dailyUsage(String customerId, MeterKey meter, Instant from, Instant to) {
        record("dailyUsage", "", customerId, meter.value(), from.toString(), to.toString());
        failIfTold();
        List<ProviderUsageSummary> days = new ArrayList<>();
        for (Instant day = from.truncatedTo(ChronoUnit.DAYS); day.isBefore(to); day = day.plus(Duration.ofDays(1))) {
            Instant start = day.isBefore(from) ? from : day;
            Instant end = day.plus(Duration.ofDays(1)).isAfter(to) ? to : day.plus(Duration.ofDays(1));
            days.add(new ProviderUsageSummary(meter.value(), start, end, sumUsage(customerId, meter, start, end)));
        }
        return days;
    }

    // --- hosted pages

    @Override
    public synchronized CheckoutSession createSubscriptionCheckout(String customerId, PlanCode plan, String successUrl,
                                                                   String cancelUrl, String idempotencyKey) {
        return idempotent("createSubscriptionCheckout", idempotencyKey, List.of(customerId, plan.value()), () ->
                newCheckout("subscription", Map.of(ProviderEvent.CUSTOMER, customerId, ProviderEvent.PLAN, plan.value())));
    }

    @Override
    public synchronized CheckoutSession createCreditPackCheckout(String customerId, CreditProduct product, String successUrl,
                                                                 String cancelUrl, String idempotencyKey) {
        return idempotent("createCreditPackCheckout", idempotencyKey, List.of(customerId, product.code()), () ->
                newCheckout("payment", Map.of(ProviderEvent.CUSTOMER, customerId, ProviderEvent.CREDIT_PRODUCT, product.code(),
                        ProviderEvent.AMOUNT_MINOR, Long.toString(product.price().toMinor()),
                        ProviderEvent.CURRENCY, product.price().currencyCode().toLowerCase(java.util.Locale.ROOT))));
    }

    private CheckoutSession newCheckout(String mode, Map<String, String> data) {
        require(customers.get(data.get(ProviderEvent.CUSTOMER)), "customer", data.get(ProviderEvent.CUSTOMER));
        String id = id("cs");
        CheckoutSession session = new CheckoutSession(id, "https://checkout.mock.billkit/" + id, mode);
        checkouts.put(id, session);
        checkoutData.put(id, data);
        return session;
    }

    @Override
    public synchronized PortalSession createPortalSession(String customerId, String returnUrl) {
        record("createPortalSession", "", customerId, returnUrl);
        failIfTold();
        require(customers.get(customerId), "customer", customerId);
        String id = id("bps");
        return new PortalSession(id, "https://portal.mock.billkit/" + id);
    }

    // --- plumbing

    @SuppressWarnings("unchecked")
    private <T> T idempotent(String method, String idempotencyKey, List<String> arguments, java.util.function.Supplier<T> action) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        calls.add(new Call(method, idempotencyKey, List.copyOf(arguments)));
        Object earlier = byIdempotencyKey.get(idempotencyKey);
        if (earlier != null) {
            return (T) earlier;
        }
        failIfTold();
        T result = action.get();
        byIdempotencyKey.put(idempotencyKey, result);
        return result;
    }

    private void record(String method, String idempotencyKey, String... arguments) {
        calls.add(new Call(method, idempotencyKey, List.of(arguments)));
    }

    private void failIfTold() {
        Failure failure = nextFailure;
        nextFailure = null;
        if (failure == Failure.CARD_DECLINED) {
            throw new BillingException(ErrorCode.PAYMENT_FAILED, "card declined (mock)");
        }
        if (failure == Failure.TIMEOUT) {
            throw new BillingException(ErrorCode.PROVIDER_UNAVAILABLE, "payment provider timed out (mock)");
        }
    }

    private String id(String prefix) {
        return prefix + "_mock" + sequence.incrementAndGet();
    }

    private ProviderEvent event(String type, String objectId, Map<String, String> data) {
        return new ProviderEvent(id("evt"), type, clock.instant(), objectId, data);
    }

    private static <T> T require(T value, String what, String id) {
        if (value == null) {
            throw new BillingException(ErrorCode.NOT_FOUND, "no " + what + " '" + id + "' at the payment provider");
        }
        return value;
    }
}
