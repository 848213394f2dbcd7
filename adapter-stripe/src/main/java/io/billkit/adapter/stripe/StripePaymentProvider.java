package io.billkit.adapter.stripe;

import com.stripe.StripeClient;
import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.billing.MeterEventSummary;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.InvoiceCreateParams;
import com.stripe.param.InvoiceFinalizeInvoiceParams;
import com.stripe.param.InvoiceItemCreateParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.billing.MeterEventCreateParams;
import com.stripe.param.billing.MeterEventSummaryListParams;
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
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link PaymentProvider} on Stripe, through stripe-java's {@link StripeClient}.
 *
 * <ul>
 *   <li>Every POST carries an {@code Idempotency-Key}: the port's key namespaced by the Stripe operation
 *       ({@code subscription.create:<key>}), or, where the port passes none, one derived from the operation and
 *       the ids it acts on. stripe-java's network retries resend the same key, so a retry never charges twice.</li>
 *   <li>Network errors, timeouts, 409 and 5xx are retried by stripe-java, 429 by this adapter, each up to
 *       {@link StripeConfig#maxNetworkRetries()} times; what still fails is {@code PROVIDER_UNAVAILABLE}. A declined
 *       card is {@code PAYMENT_FAILED}, a missing object {@code NOT_FOUND} (or an empty Optional for lookups).</li>
 *   <li>Money becomes Stripe's integer amounts here only ({@link StripeAmounts}), exactly.</li>
 *   <li>Usage goes to Stripe Billing Meter Events ({@code event_name} = meter key, payload
 *       {@code stripe_customer_id} and {@code value}, {@code identifier} = BillKit event id); usage totals are read back
 *       from the meter's event summaries, whose time bounds Stripe wants on whole minutes (daily groups on UTC days).</li>
 * </ul>
 * Thread-safe.
 */
public final class StripePaymentProvider implements PaymentProvider {

    private static final Duration DEFAULT_RATE_LIMIT_BACKOFF = Duration.ofMillis(500);

    private final StripeClient stripe;
    private final StripeConfig config;
    private final StripeMapping mapping;
    private final StripeCalls calls;
    private final Clock clock;

    /** A provider for the account in {@code config}; reads the system clock only to key portal sessions. */
    public StripePaymentProvider(StripeConfig config) {
        this(config, Clock.systemUTC());
    }

    /** @param clock buckets the derived idempotency key of portal sessions (one fresh session per minute) */
    public StripePaymentProvider(StripeConfig config, Clock clock) {
        this(config, clock, DEFAULT_RATE_LIMIT_BACKOFF);
    }

    StripePaymentProvider(StripeConfig config, Clock clock, Duration rateLimitBackoff) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.mapping = new StripeMapping(config);
        this.calls = new StripeCalls(config.maxNetworkRetries(), Objects.requireNonNull(rateLimitBackoff, "rateLimitBackoff"));
        this.stripe = StripeClient.builder()
                .setApiKey(config.apiKey())
                .setApiBase(config.apiBase())
                .setConnectBase(config.apiBase())
                .setFilesBase(config.apiBase())
                .setMeterEventsBase(config.apiBase())
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setReadTimeout((int) config.readTimeout().toMillis())
                .setMaxNetworkRetries(config.maxNetworkRetries())
                .build();
    }

    // --- customers

    @Override
    public ProviderCustomer createCustomer(String localCustomerId, String name, String email, String idempotencyKey) {
        Objects.requireNonNull(localCustomerId, "localCustomerId");
        CustomerCreateParams params = CustomerCreateParams.builder()
                .setName(name)
                .setEmail(email)
                .putMetadata(StripeMapping.CUSTOMER_METADATA, localCustomerId)
                .build();
        RequestOptions options = keyed(IdempotencyKeys.of("customer.create", idempotencyKey));
        return StripeMapping.customer(calls.run("customer create", () -> stripe.v1().customers().create(params, options)));
    }

    @Override
    public Optional<ProviderCustomer> getCustomer(String customerId) {
        Objects.requireNonNull(customerId, "customerId");
        return calls.find("customer get", () -> stripe.v1().customers().retrieve(customerId))
                .filter(customer -> !Boolean.TRUE.equals(customer.getDeleted()))
                .map(StripeMapping::customer);
    }

    @Override
    public ProviderCustomer updateCustomer(String customerId, String name, String email, String idempotencyKey) {
        Objects.requireNonNull(customerId, "customerId");
        CustomerUpdateParams params = CustomerUpdateParams.builder().setName(name).setEmail(email).build();
        RequestOptions options = keyed(IdempotencyKeys.of("customer.update", idempotencyKey));
        return StripeMapping.customer(calls.run("customer update", () -> stripe.v1().customers().update(customerId, params, options)));
    }

    @Override
    public void deleteCustomer(String customerId) {
        Objects.requireNonNull(customerId, "customerId");
        RequestOptions options = keyed(IdempotencyKeys.derived("customer.delete", customerId));
        calls.run("customer delete", () -> stripe.v1().customers().delete(customerId, options));
    }

    // --- payment methods

    /** Attaches the payment method; the customer's first one also becomes the default for invoices. */
    @Override
    public ProviderPaymentMethod attachPaymentMethod(String customerId, String paymentMethodToken, String idempotencyKey) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(paymentMethodToken, "paymentMethodToken");
        PaymentMethodAttachParams params = PaymentMethodAttachParams.builder().setCustomer(customerId).build();
        RequestOptions options = keyed(IdempotencyKeys.of("payment_method.attach", idempotencyKey));
        PaymentMethod method = calls.run("payment method attach",
                () -> stripe.v1().paymentMethods().attach(paymentMethodToken, params, options));
        Optional<String> currentDefault = StripeMapping.defaultPaymentMethod(retrieveCustomer(customerId));
        if (currentDefault.isEmpty()) {
            makeDefault(customerId, method.getId(), "none");
            currentDefault = Optional.of(method.getId());
        }
        return StripeMapping.paymentMethod(method, customerId, currentDefault);
    }

    @Override
    public List<ProviderPaymentMethod> listPaymentMethods(String customerId) {
        Objects.requireNonNull(customerId, "customerId");
        Optional<String> defaultMethod = StripeMapping.defaultPaymentMethod(retrieveCustomer(customerId));
        return calls.run("payment method list", () -> {
            List<ProviderPaymentMethod> methods = new ArrayList<>();
            for (PaymentMethod method : stripe.v1().customers().paymentMethods().list(customerId).autoPagingIterable()) {
                methods.add(StripeMapping.paymentMethod(method, customerId, defaultMethod));
            }
            return List.copyOf(methods);
        });
    }

    /**
     * Sets {@code invoice_settings.default_payment_method}. The derived idempotency key includes the
     * default it replaces, so switching A -> B -> A within Stripe's 24 h key window is not swallowed as a replay.
     */
    @Override
    public void setDefaultPaymentMethod(String customerId, String paymentMethodId) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(paymentMethodId, "paymentMethodId");
        Optional<String> current = StripeMapping.defaultPaymentMethod(retrieveCustomer(customerId));
        if (current.filter(paymentMethodId::equals).isPresent()) {
            return;
        }
        makeDefault(customerId, paymentMethodId, current.orElse("none"));
    }

    private void makeDefault(String customerId, String paymentMethodId, String replacing) {
        CustomerUpdateParams params = CustomerUpdateParams.builder()
                .setInvoiceSettings(CustomerUpdateParams.InvoiceSettings.builder().setDefaultPaymentMethod(paymentMethodId).build())
                .build();
        RequestOptions options = keyed(IdempotencyKeys.derived("customer.default_payment_method", customerId, paymentMethodId,
                "replacing", replacing));
        calls.run("default payment method", () -> stripe.v1().customers().update(customerId, params, options));
    }

    @Override
    public void detachPaymentMethod(String paymentMethodId) {
        Objects.requireNonNull(paymentMethodId, "paymentMethodId");
        RequestOptions options = keyed(IdempotencyKeys.derived("payment_method.detach", paymentMethodId));
        calls.run("payment method detach", () -> stripe.v1().paymentMethods().detach(paymentMethodId, options));
    }

    private Customer retrieveCustomer(String customerId) {
        Customer customer = calls.run("customer get", () -> stripe.v1().customers().retrieve(customerId));
        if (Boolean.TRUE.equals(customer.getDeleted())) {
            throw new BillingException(ErrorCode.NOT_FOUND, "stripe customer " + customerId + " is deleted");
        }
        return customer;
    }

    // --- subscriptions

    @Override
    public ProviderSubscription createSubscription(String customerId, PlanCode plan, Optional<Instant> trialEnd,
                                                   String idempotencyKey) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(trialEnd, "trialEnd");
        SubscriptionCreateParams.Builder params = SubscriptionCreateParams.builder()
                .setCustomer(customerId)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice(config.priceFor(plan)).build())
                .putMetadata(StripeMapping.PLAN_METADATA, plan.value());
        trialEnd.ifPresent(end -> params.setTrialEnd(end.getEpochSecond()));
        RequestOptions options = keyed(IdempotencyKeys.of("subscription.create", idempotencyKey));
        return mapping.subscription(calls.run("subscription create", () -> stripe.v1().subscriptions().create(params.build(), options)));
    }

    @Override
    public Optional<ProviderSubscription> getSubscription(String subscriptionId) {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        return calls.find("subscription get", () -> stripe.v1().subscriptions().retrieve(subscriptionId)).map(mapping::subscription);
    }

    /**
     * Replaces the price of the subscription's item; {@code prorate} sends {@code proration_behavior=create_prorations}
     * (Stripe credits the unused time and charges the new price from now on the next invoice), else {@code none}.
     */
    @Override
    public ProviderSubscription changePlan(String subscriptionId, PlanCode plan, boolean prorate, String idempotencyKey) {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        String price = config.priceFor(plan);
        Subscription current = calls.run("subscription get", () -> stripe.v1().subscriptions().retrieve(subscriptionId));
        SubscriptionItem item = StripeMapping.firstItem(current);
        if (item == null) {
            throw new BillingException(ErrorCode.ILLEGAL_TRANSITION, "stripe subscription " + subscriptionId + " has no item to change");
        }
        SubscriptionUpdateParams params = SubscriptionUpdateParams.builder()
                .addItem(SubscriptionUpdateParams.Item.builder().setId(item.getId()).setPrice(price).build())
                .setProrationBehavior(prorate ? SubscriptionUpdateParams.ProrationBehavior.CREATE_PRORATIONS
                        : SubscriptionUpdateParams.ProrationBehavior.NONE)
                .putMetadata(StripeMapping.PLAN_METADATA, plan.value())
                .build();
        RequestOptions options = keyed(IdempotencyKeys.of("subscription.change_plan", idempotencyKey));
        return mapping.subscription(calls.run("subscription change plan",
                () -> stripe.v1().subscriptions().update(subscriptionId, params, options)));
    }

    /** Cancels now ({@code DELETE /v1/subscriptions/:id}) or at period end ({@code cancel_at_period_end=true}). */
    @Override
    public ProviderSubscription cancelSubscription(String subscriptionId, boolean atPeriodEnd, String idempotencyKey) {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        if (atPeriodEnd) {
            SubscriptionUpdateParams params = SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true).build();
            RequestOptions options = keyed(IdempotencyKeys.of("subscription.cancel_at_period_end", idempotencyKey));
            return mapping.subscription(calls.run("subscription cancel at period end",
                    () -> stripe.v1().subscriptions().update(subscriptionId, params, options)));
        }
        RequestOptions options = keyed(IdempotencyKeys.of("subscription.cancel", idempotencyKey));
        return mapping.subscription(calls.run("subscription cancel", () -> stripe.v1().subscriptions().cancel(subscriptionId, options)));
    }

    /** Clears {@code cancel_at_period_end}; a subscription Stripe already canceled is {@code ILLEGAL_TRANSITION}. */
    @Override
    public ProviderSubscription resumeSubscription(String subscriptionId, String idempotencyKey) {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Subscription current = calls.run("subscription get", () -> stripe.v1().subscriptions().retrieve(subscriptionId));
        if ("canceled".equals(current.getStatus()) || "incomplete_expired".equals(current.getStatus())) {
            throw new BillingException(ErrorCode.ILLEGAL_TRANSITION, "stripe subscription " + subscriptionId + " is " + current.getStatus());
        }
        SubscriptionUpdateParams params = SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(false).build();
        RequestOptions options = keyed(IdempotencyKeys.of("subscription.resume", idempotencyKey));
        return mapping.subscription(calls.run("subscription resume", () -> stripe.v1().subscriptions().update(subscriptionId, params, options)));
    }

    /** Every subscription Stripe lists without a status filter: all but {@code canceled}. */
    @Override
    public List<ProviderSubscription> activeSubscriptions() {
        SubscriptionListParams params = SubscriptionListParams.builder().setLimit(100L).build();
        return calls.run("subscription list", () -> {
            List<ProviderSubscription> result = new ArrayList<>();
            for (Subscription subscription : stripe.v1().subscriptions().list(params).autoPagingIterable()) {
                result.add(mapping.subscription(subscription));
            }
            return List.copyOf(result);
        });
    }

    // --- invoices

    /**
     * Creates a draft invoice ({@code collection_method=send_invoice}, {@code due_date} at 12:00 UTC of {@code dueDate},
     * pending items excluded, {@code auto_advance=false}), adds one invoice item per BillKit line and finalizes it.
     * Each step has its own key derived from {@code idempotencyKey}, so a retry of a half-done call completes it.
     */
    @Override
    public ProviderInvoice createInvoice(String customerId, List<ProviderInvoiceItem> items, LocalDate dueDate,
                                         Map<String, String> metadata, String idempotencyKey) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(metadata, "metadata");
        BillingException.require(!items.isEmpty(), "an invoice needs at least one item");
        Currency currency = items.get(0).amount().currency();
        for (ProviderInvoiceItem item : items) {
            if (!item.amount().currency().equals(currency)) {
                throw new BillingException(ErrorCode.CURRENCY_MISMATCH, "invoice items mix " + currency.getCurrencyCode()
                        + " and " + item.amount().currencyCode());
            }
        }
        List<Long> amounts = items.stream().map(item -> StripeAmounts.toStripe(item.amount())).toList();
        String stripeCurrency = StripeAmounts.stripeCurrency(currency);

        InvoiceCreateParams create = InvoiceCreateParams.builder()
                .setCustomer(customerId)
                .setCurrency(stripeCurrency)
                .setCollectionMethod(InvoiceCreateParams.CollectionMethod.SEND_INVOICE)
                .setDueDate(dueDate.atTime(LocalTime.NOON).toEpochSecond(ZoneOffset.UTC))
                .setPendingInvoiceItemsBehavior(InvoiceCreateParams.PendingInvoiceItemsBehavior.EXCLUDE)
                .setAutoAdvance(false)
                .putAllMetadata(metadata)
                .build();
        Invoice draft = calls.run("invoice create",
                () -> stripe.v1().invoices().create(create, keyed(IdempotencyKeys.of("invoice.create", idempotencyKey))));
        for (int i = 0; i < items.size(); i++) {
            InvoiceItemCreateParams item = InvoiceItemCreateParams.builder()
                    .setCustomer(customerId)
                    .setInvoice(draft.getId())
                    .setAmount(amounts.get(i))
                    .setCurrency(stripeCurrency)
                    .setDescription(items.get(i).description())
                    .build();
            RequestOptions options = keyed(IdempotencyKeys.of("invoiceitem.create", idempotencyKey + ":" + i));
            calls.run("invoice item create", () -> stripe.v1().invoiceItems().create(item, options));
        }
        InvoiceFinalizeInvoiceParams finalize = InvoiceFinalizeInvoiceParams.builder().setAutoAdvance(false).build();
        RequestOptions options = keyed(IdempotencyKeys.of("invoice.finalize", idempotencyKey));
        return StripeMapping.invoice(calls.run("invoice finalize",
                () -> stripe.v1().invoices().finalizeInvoice(draft.getId(), finalize, options)));
    }

    @Override
    public Optional<ProviderInvoice> getInvoice(String invoiceId) {
        Objects.requireNonNull(invoiceId, "invoiceId");
        return calls.find("invoice get", () -> stripe.v1().invoices().retrieve(invoiceId)).map(StripeMapping::invoice);
    }

    /** Pays an open invoice with the customer's default payment method; a decline is {@code PAYMENT_FAILED}. */
    @Override
    public ProviderInvoice payInvoice(String invoiceId, String idempotencyKey) {
        Objects.requireNonNull(invoiceId, "invoiceId");
        RequestOptions options = keyed(IdempotencyKeys.of("invoice.pay", idempotencyKey));
        return StripeMapping.invoice(calls.run("invoice pay", () -> stripe.v1().invoices().pay(invoiceId, options)));
    }

    @Override
    public ProviderInvoice voidInvoice(String invoiceId, String idempotencyKey) {
        Objects.requireNonNull(invoiceId, "invoiceId");
        RequestOptions options = keyed(IdempotencyKeys.of("invoice.void", idempotencyKey));
        return StripeMapping.invoice(calls.run("invoice void", () -> stripe.v1().invoices().voidInvoice(invoiceId, options)));
    }

    // --- usage

    /**
     * Sends a Billing Meter Event. Stripe dedupes on {@code identifier} (BillKit's event id, hashed when longer
     * than Stripe's 100 characters); the request's idempotency key is derived from it as well.
     */
    @Override
    public void recordUsage(String customerId, MeterKey meter, BigDecimal quantity, Instant at, String identifier) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(identifier, "identifier");
        BillingException.require(quantity.signum() >= 0, "usage quantity must not be negative but was " + quantity.toPlainString());
        BillingException.require(!identifier.isBlank(), "usage identifier must not be blank");
        String stripeIdentifier = identifier.length() <= 100 ? identifier : IdempotencyKeys.sha256(identifier);
        MeterEventCreateParams params = MeterEventCreateParams.builder()
                .setEventName(meter.value())
                .putPayload("stripe_customer_id", customerId)
                .putPayload("value", quantity.signum() == 0 ? "0" : quantity.stripTrailingZeros().toPlainString())
                .setIdentifier(stripeIdentifier)
                .setTimestamp(at.getEpochSecond())
                .build();
        RequestOptions options = keyed(IdempotencyKeys.derived("billing.meter_event", stripeIdentifier));
        calls.run("meter event", () -> stripe.v1().billing().meterEvents().create(params, options));
    }

    /** Sum of the meter's event summaries for the customer over {@code [from, to)}; both on whole minutes. */
    @Override
    public BigDecimal usage(String customerId, MeterKey meter, Instant from, Instant to) {
        Objects.requireNonNull(customerId, "customerId");
        requireWindow(from, to);
        return summaries(customerId, meter, from, to, null).stream()
                .map(MeterEventSummary::getAggregatedValue)
                .filter(Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * One summary per UTC day touched by {@code [from, to)}, clipped to the window (as the mock does), zero for days
     * without usage. Whole days are read in one call grouped by day; a partial first or last day in its own call.
     */
    @Override
    public List<ProviderUsageSummary> dailyUsage(String customerId, MeterKey meter, Instant from, Instant to) {
        Objects.requireNonNull(customerId, "customerId");
        requireWindow(from, to);
        Map<Instant, BigDecimal> byDayStart = new HashMap<>();
        List<Instant[]> days = new ArrayList<>();
        for (Instant day = from.truncatedTo(ChronoUnit.DAYS); day.isBefore(to); day = day.plus(Duration.ofDays(1))) {
            Instant start = day.isBefore(from) ? from : day;
            Instant next = day.plus(Duration.ofDays(1));
            Instant end = next.isAfter(to) ? to : next;
            days.add(new Instant[]{start, end});
        }
        Instant wholeFrom = null;
        Instant wholeTo = null;
        for (Instant[] day : days) {
            boolean whole = Duration.between(day[0], day[1]).equals(Duration.ofDays(1));
            if (whole) {
                wholeFrom = wholeFrom == null ? day[0] : wholeFrom;
                wholeTo = day[1];
            } else {
                byDayStart.put(day[0], usage(customerId, meter, day[0], day[1]));
            }
        }
        if (wholeFrom != null) {
            for (MeterEventSummary summary : summaries(customerId, meter, wholeFrom, wholeTo,
                    MeterEventSummaryListParams.ValueGroupingWindow.DAY)) {
                Instant start = Instant.ofEpochSecond(summary.getStartTime());
                BigDecimal value = summary.getAggregatedValue() == null ? BigDecimal.ZERO : summary.getAggregatedValue();
                byDayStart.merge(start, value, BigDecimal::add);
            }
        }
        return days.stream()
                .map(day -> new ProviderUsageSummary(meter.value(), day[0], day[1], byDayStart.getOrDefault(day[0], BigDecimal.ZERO)))
                .sorted(Comparator.comparing(ProviderUsageSummary::start))
                .toList();
    }

    private List<MeterEventSummary> summaries(String customerId, MeterKey meter, Instant from, Instant to,
                                              MeterEventSummaryListParams.ValueGroupingWindow window) {
        String meterId = config.meterIdFor(meter);
        MeterEventSummaryListParams.Builder params = MeterEventSummaryListParams.builder()
                .setCustomer(customerId)
                .setStartTime(from.getEpochSecond())
                .setEndTime(to.getEpochSecond())
                .setLimit(100L);
        if (window != null) {
            params.setValueGroupingWindow(window);
        }
        MeterEventSummaryListParams built = params.build();
        return calls.run("meter event summaries", () -> {
            List<MeterEventSummary> result = new ArrayList<>();
            for (MeterEventSummary summary : stripe.v1().billing().meters().eventSummaries().list(meterId, built).autoPagingIterable()) {
                result.add(summary);
            }
            return result;
        });
    }

    private static void requireWindow(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        BillingException.require(from.isBefore(to), "usage window must have from < to but was [" + from + ", " + to + ")");
        BillingException.require(from.truncatedTo(ChronoUnit.MINUTES).equals(from) && to.truncatedTo(ChronoUnit.MINUTES).equals(to),
                "stripe meter summaries need whole-minute bounds but got [" + from + ", " + to + ")");
    }

    // --- hosted pages

    /** A Checkout Session in {@code subscription} mode for the plan's price; metadata {@code billkit_plan} names the plan. */
    @Override
    public CheckoutSession createSubscriptionCheckout(String customerId, PlanCode plan, String successUrl, String cancelUrl,
                                                      String idempotencyKey) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(successUrl, "successUrl");
        Objects.requireNonNull(cancelUrl, "cancelUrl");
        com.stripe.param.checkout.SessionCreateParams params = com.stripe.param.checkout.SessionCreateParams.builder()
                .setMode(com.stripe.param.checkout.SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(customerId)
                .addLineItem(com.stripe.param.checkout.SessionCreateParams.LineItem.builder()
                        .setPrice(config.priceFor(plan)).setQuantity(1L).build())
                .setSuccessUrl(successUrl)
                .setCancelUrl(cancelUrl)
                .putMetadata(StripeMapping.PLAN_METADATA, plan.value())
                .setSubscriptionData(com.stripe.param.checkout.SessionCreateParams.SubscriptionData.builder()
                        .putMetadata(StripeMapping.PLAN_METADATA, plan.value()).build())
                .build();
        RequestOptions options = keyed(IdempotencyKeys.of("checkout.subscription", idempotencyKey));
        return checkout(calls.run("checkout session", () -> stripe.v1().checkout().sessions().create(params, options)));
    }

    /**
     * A Checkout Session in {@code payment} mode for one credit pack at the product's price; metadata
     * {@code credit_product} (on the session and its payment intent) names the pack.
     */
    @Override
    public CheckoutSession createCreditPackCheckout(String customerId, CreditProduct product, String successUrl,
                                                    String cancelUrl, String idempotencyKey) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(successUrl, "successUrl");
        Objects.requireNonNull(cancelUrl, "cancelUrl");
        Money price = product.price();
        com.stripe.param.checkout.SessionCreateParams params = com.stripe.param.checkout.SessionCreateParams.builder()
                .setMode(com.stripe.param.checkout.SessionCreateParams.Mode.PAYMENT)
                .setCustomer(customerId)
                .addLineItem(com.stripe.param.checkout.SessionCreateParams.LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(com.stripe.param.checkout.SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(StripeAmounts.stripeCurrency(price.currency()))
                                .setUnitAmount(StripeAmounts.toStripe(price))
                                .setProductData(com.stripe.param.checkout.SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(product.name()).build())
                                .build())
                        .build())
                .setSuccessUrl(successUrl)
                .setCancelUrl(cancelUrl)
                .putMetadata(StripeMapping.CREDIT_PRODUCT_METADATA, product.code())
                .setPaymentIntentData(com.stripe.param.checkout.SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata(StripeMapping.CREDIT_PRODUCT_METADATA, product.code()).build())
                .build();
        RequestOptions options = keyed(IdempotencyKeys.of("checkout.credit_pack", idempotencyKey));
        return checkout(calls.run("checkout session", () -> stripe.v1().checkout().sessions().create(params, options)));
    }

    private static CheckoutSession checkout(com.stripe.model.checkout.Session session) {
        return new CheckoutSession(session.getId(), StripeMapping.orEmpty(session.getUrl()), session.getMode());
    }

    /**
     * A billing-portal session. The port passes no idempotency key, so one is derived from customer, return URL and
     * the current minute: a retry within the minute gets the same session, a later visit a fresh one (sessions expire).
     */
    @Override
    public PortalSession createPortalSession(String customerId, String returnUrl) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(returnUrl, "returnUrl");
        com.stripe.param.billingportal.SessionCreateParams params = com.stripe.param.billingportal.SessionCreateParams.builder()
                .setCustomer(customerId)
                .setReturnUrl(returnUrl)
                .build();
        String minute = clock.instant().truncatedTo(ChronoUnit.MINUTES).toString();
        RequestOptions options = keyed(IdempotencyKeys.derived("billing_portal.session", customerId,
                IdempotencyKeys.sha256(returnUrl).substring(0, 16), minute));
        com.stripe.model.billingportal.Session session = calls.run("portal session",
                () -> stripe.v1().billingPortal().sessions().create(params, options));
        return new PortalSession(session.getId(), session.getUrl());
    }

    private static RequestOptions keyed(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }
}
