package io.billkit.application.inmemory;

import io.billkit.application.port.out.provider.ProviderSubscription;
import io.billkit.application.port.out.provider.ProviderSubscriptionStatus;
import io.billkit.application.port.out.provider.ProviderSubscriptions;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.PlanCode;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The mock provider's subscriptions; a plan change never prorates (BillKit bills prorations). */
final class MockSubscriptions implements ProviderSubscriptions {
    private final MockProviderState state;
    private final Map<String, ProviderSubscription> subscriptions = new LinkedHashMap<>();

    MockSubscriptions(MockProviderState state) {
        this.state = state;
    }

    Optional<ProviderSubscription> find(String subscriptionId) {
        synchronized (state) {
            return Optional.ofNullable(subscriptions.get(subscriptionId));
        }
    }

    @Override
    public ProviderSubscription createSubscription(String customerId, PlanCode plan, Optional<Instant> trialEnd,
                                                   String idempotencyKey) {
        synchronized (state) {
            return state.idempotent("createSubscription", idempotencyKey, List.of(customerId, plan.value()),
                    () -> newSubscription(customerId, plan, trialEnd));
        }
    }

    /** A new subscription; the caller holds the state's lock. */
    ProviderSubscription newSubscription(String customerId, PlanCode plan, Optional<Instant> trialEnd) {
        state.requireCustomer(customerId);
        Instant now = state.clock.instant();
        ProviderSubscription subscription = new ProviderSubscription(state.id("sub"), customerId, plan.value(),
                trialEnd.isPresent() ? ProviderSubscriptionStatus.TRIALING : ProviderSubscriptionStatus.ACTIVE,
                now, now.plus(Duration.ofDays(30)), false);
        subscriptions.put(subscription.id(), subscription);
        return subscription;
    }

    @Override
    public ProviderSubscription changePlan(String subscriptionId, PlanCode plan, String idempotencyKey) {
        synchronized (state) {
            return state.idempotent("changePlan", idempotencyKey, List.of(subscriptionId, plan.value()), () ->
                    replace(subscriptionId, s -> new ProviderSubscription(s.id(), s.customerId(), plan.value(),
                            s.status(), s.currentPeriodStart(), s.currentPeriodEnd(), s.cancelAtPeriodEnd())));
        }
    }

    @Override
    public ProviderSubscription cancelSubscription(String subscriptionId, boolean atPeriodEnd, String idempotencyKey) {
        synchronized (state) {
            return state.idempotent("cancelSubscription", idempotencyKey, List.of(subscriptionId, String.valueOf(atPeriodEnd)),
                    () -> replace(subscriptionId, s -> new ProviderSubscription(s.id(), s.customerId(), s.planCode(),
                            atPeriodEnd ? s.status() : ProviderSubscriptionStatus.CANCELED, s.currentPeriodStart(),
                            s.currentPeriodEnd(), atPeriodEnd)));
        }
    }

    @Override
    public ProviderSubscription resumeSubscription(String subscriptionId, String idempotencyKey) {
        synchronized (state) {
            return state.idempotent("resumeSubscription", idempotencyKey, List.of(subscriptionId), () ->
                    replace(subscriptionId, s -> {
                        if (s.status().isEnded()) {
                            throw new BillingException(ErrorCode.ILLEGAL_TRANSITION, "subscription " + s.id() + " is canceled");
                        }
                        return new ProviderSubscription(s.id(), s.customerId(), s.planCode(), s.status(),
                                s.currentPeriodStart(), s.currentPeriodEnd(), false);
                    }));
        }
    }

    private ProviderSubscription replace(String id, UnaryOperator<ProviderSubscription> change) {
        ProviderSubscription updated = change.apply(MockProviderState.require(subscriptions.get(id), "subscription", id));
        subscriptions.put(id, updated);
        return updated;
    }
}
