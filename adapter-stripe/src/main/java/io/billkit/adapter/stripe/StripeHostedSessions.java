package io.billkit.adapter.stripe;

import com.stripe.net.RequestOptions;
import io.billkit.application.port.out.provider.CheckoutSession;
import io.billkit.application.port.out.provider.PortalSession;
import io.billkit.application.port.out.provider.ProviderHostedSessions;
import io.billkit.domain.catalog.CreditProduct;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.money.Money;

import java.time.temporal.ChronoUnit;
import java.util.Objects;

import static io.billkit.adapter.stripe.StripeContext.keyed;

/** Stripe Checkout Sessions (subscription and credit-pack) and billing-portal sessions. */
final class StripeHostedSessions implements ProviderHostedSessions {
    private final StripeContext s;

    StripeHostedSessions(StripeContext context) {
        this.s = context;
    }

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
                        .setPrice(s.config().priceFor(plan)).setQuantity(1L).build())
                .setSuccessUrl(successUrl)
                .setCancelUrl(cancelUrl)
                .putMetadata(StripeMapping.PLAN_METADATA, plan.value())
                .setSubscriptionData(com.stripe.param.checkout.SessionCreateParams.SubscriptionData.builder()
                        .putMetadata(StripeMapping.PLAN_METADATA, plan.value()).build())
                .build();
        RequestOptions options = keyed(IdempotencyKeys.of("checkout.subscription", idempotencyKey));
        return checkout(s.calls().run("checkout session", () -> s.stripe().v1().checkout().sessions().create(params, options)));
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
        return checkout(s.calls().run("checkout session", () -> s.stripe().v1().checkout().sessions().create(params, options)));
    }

    private static CheckoutSession checkout(com.stripe.model.checkout.Session session) {
        return new CheckoutSession(session.getId(), StripeMapping.orEmpty(session.getUrl()));
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
        String minute = s.clock().instant().truncatedTo(ChronoUnit.MINUTES).toString();
        RequestOptions options = keyed(IdempotencyKeys.derived("billing_portal.session", customerId,
                IdempotencyKeys.sha256(returnUrl).substring(0, 16), minute));
        com.stripe.model.billingportal.Session session = s.calls().run("portal session",
                () -> s.stripe().v1().billingPortal().sessions().create(params, options));
        return new PortalSession(session.getId(), session.getUrl());
    }
}
