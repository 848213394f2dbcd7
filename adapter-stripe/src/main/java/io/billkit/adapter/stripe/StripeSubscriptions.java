package io.billkit.adapter.stripe;

import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.net.RequestOptions;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionUpdateParams;
import io.billkit.application.port.out.provider.ProviderSubscription;
import io.billkit.application.port.out.provider.ProviderSubscriptions;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.PlanCode;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import static io.billkit.adapter.stripe.StripeContext.keyed;

/**
 * Stripe subscriptions, kept in step with BillKit's. BillKit is the biller of record: it prices a plan change
 * (proration) on its own invoice, so a plan change here always sends {@code proration_behavior=none} and Stripe never
 * bills a proration of its own (were both to prorate, the customer would pay the difference twice).
 */
final class StripeSubscriptions implements ProviderSubscriptions {
    private final StripeContext s;

    StripeSubscriptions(StripeContext context) {
        this.s = context;
    }

    @Override
    public ProviderSubscription createSubscription(String customerId, PlanCode plan, Optional<Instant> trialEnd,
                                                   String idempotencyKey) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(trialEnd, "trialEnd");
        SubscriptionCreateParams.Builder params = SubscriptionCreateParams.builder()
                .setCustomer(customerId)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice(s.config().priceFor(plan)).build())
                .putMetadata(StripeMapping.PLAN_METADATA, plan.value());
        trialEnd.ifPresent(end -> params.setTrialEnd(end.getEpochSecond()));
        RequestOptions options = keyed(IdempotencyKeys.of("subscription.create", idempotencyKey));
        return s.mapping().subscription(s.calls().run("subscription create",
                () -> s.stripe().v1().subscriptions().create(params.build(), options)));
    }

    /** Replaces the price of the subscription's item with {@code proration_behavior=none} (see the class comment). */
    @Override
    public ProviderSubscription changePlan(String subscriptionId, PlanCode plan, String idempotencyKey) {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        String price = s.config().priceFor(plan);
        Subscription current = retrieve(subscriptionId);
        SubscriptionItem item = StripeMapping.firstItem(current);
        if (item == null) {
            throw new BillingException(ErrorCode.ILLEGAL_TRANSITION, "stripe subscription " + subscriptionId + " has no item to change");
        }
        SubscriptionUpdateParams params = SubscriptionUpdateParams.builder()
                .addItem(SubscriptionUpdateParams.Item.builder().setId(item.getId()).setPrice(price).build())
                .setProrationBehavior(SubscriptionUpdateParams.ProrationBehavior.NONE)
                .putMetadata(StripeMapping.PLAN_METADATA, plan.value())
                .build();
        RequestOptions options = keyed(IdempotencyKeys.of("subscription.change_plan", idempotencyKey));
        return s.mapping().subscription(s.calls().run("subscription change plan",
                () -> s.stripe().v1().subscriptions().update(subscriptionId, params, options)));
    }

    /** Cancels now ({@code DELETE /v1/subscriptions/:id}) or at period end ({@code cancel_at_period_end=true}). */
    @Override
    public ProviderSubscription cancelSubscription(String subscriptionId, boolean atPeriodEnd, String idempotencyKey) {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        if (atPeriodEnd) {
            SubscriptionUpdateParams params = SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true).build();
            RequestOptions options = keyed(IdempotencyKeys.of("subscription.cancel_at_period_end", idempotencyKey));
            return s.mapping().subscription(s.calls().run("subscription cancel at period end",
                    () -> s.stripe().v1().subscriptions().update(subscriptionId, params, options)));
        }
        RequestOptions options = keyed(IdempotencyKeys.of("subscription.cancel", idempotencyKey));
        return s.mapping().subscription(s.calls().run("subscription cancel",
                () -> s.stripe().v1().subscriptions().cancel(subscriptionId, options)));
    }

    /** Clears {@code cancel_at_period_end}; a subscription Stripe already ended is {@code ILLEGAL_TRANSITION}. */
    @Override
    public ProviderSubscription resumeSubscription(String subscriptionId, String idempotencyKey) {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Subscription current = retrieve(subscriptionId);
        if (StripeMapping.subscriptionStatus(current.getStatus()).isEnded()) {
            throw new BillingException(ErrorCode.ILLEGAL_TRANSITION, "stripe subscription " + subscriptionId + " is " + current.getStatus());
        }
        SubscriptionUpdateParams params = SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(false).build();
        RequestOptions options = keyed(IdempotencyKeys.of("subscription.resume", idempotencyKey));
        return s.mapping().subscription(s.calls().run("subscription resume",
                () -> s.stripe().v1().subscriptions().update(subscriptionId, params, options)));
    }

    private Subscription retrieve(String subscriptionId) {
        return s.calls().run("subscription get", () -> s.stripe().v1().subscriptions().retrieve(subscriptionId));
    }
}
