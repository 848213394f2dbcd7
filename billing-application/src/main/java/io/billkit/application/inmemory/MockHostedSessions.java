package io.billkit.application.inmemory;

import io.billkit.application.port.in.ProviderEvent;
import io.billkit.application.port.out.provider.CheckoutSession;
import io.billkit.application.port.out.provider.PortalSession;
import io.billkit.application.port.out.provider.ProviderHostedSessions;
import io.billkit.application.port.out.provider.ProviderSubscription;
import io.billkit.domain.catalog.CreditProduct;
import io.billkit.domain.catalog.PlanCode;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The mock provider's checkout and portal pages; completing a checkout emits its event. */
final class MockHostedSessions implements ProviderHostedSessions {
    private final MockProviderState state;
    private final MockSubscriptions subscriptions;
    private final Map<String, CheckoutSession> checkouts = new LinkedHashMap<>();
    private final Map<String, Sold> sold = new HashMap<>();

    /** What a checkout session sells, to whom. */
    private record Sold(String customer, ProviderEvent.CheckoutMode mode, Optional<String> plan, Optional<String> creditProduct) {
    }

    MockHostedSessions(MockProviderState state, MockSubscriptions subscriptions) {
        this.state = state;
        this.subscriptions = subscriptions;
    }

    @Override
    public CheckoutSession createSubscriptionCheckout(String customerId, PlanCode plan, String successUrl,
                                                      String cancelUrl, String idempotencyKey) {
        synchronized (state) {
            return state.idempotent("createSubscriptionCheckout", idempotencyKey, List.of(customerId, plan.value()), () ->
                    newCheckout(new Sold(customerId, ProviderEvent.CheckoutMode.SUBSCRIPTION,
                            Optional.of(plan.value()), Optional.empty())));
        }
    }

    @Override
    public CheckoutSession createCreditPackCheckout(String customerId, CreditProduct product, String successUrl,
                                                    String cancelUrl, String idempotencyKey) {
        synchronized (state) {
            return state.idempotent("createCreditPackCheckout", idempotencyKey, List.of(customerId, product.code()), () ->
                    newCheckout(new Sold(customerId, ProviderEvent.CheckoutMode.PAYMENT, Optional.empty(),
                            Optional.of(product.code()))));
        }
    }

    private CheckoutSession newCheckout(Sold what) {
        state.requireCustomer(what.customer());
        String id = state.id("cs");
        CheckoutSession session = new CheckoutSession(id, "https://checkout.mock.billkit/" + id);
        checkouts.put(id, session);
        sold.put(id, what);
        return session;
    }

    /** Completes a checkout session as if the customer paid, and emits its completion. */
    void complete(String sessionId) {
        ProviderEvent event;
        synchronized (state) {
            MockProviderState.require(checkouts.get(sessionId), "checkout session", sessionId);
            Sold what = sold.get(sessionId);
            Optional<String> subscription = Optional.empty();
            if (what.mode() == ProviderEvent.CheckoutMode.SUBSCRIPTION) {
                ProviderSubscription started = subscriptions.newSubscription(what.customer(),
                        PlanCode.of(what.plan().orElseThrow()), Optional.empty());
                subscription = Optional.of(started.id());
            }
            event = new ProviderEvent.CheckoutCompleted(state.meta(sessionId), Optional.of(what.customer()), what.mode(),
                    what.plan(), subscription, what.creditProduct());
        }
        state.emit(event);
    }

    @Override
    public PortalSession createPortalSession(String customerId, String returnUrl) {
        synchronized (state) {
            state.record("createPortalSession", "", customerId, returnUrl);
            state.failIfTold();
            state.requireCustomer(customerId);
            String id = state.id("bps");
            return new PortalSession(id, "https://portal.mock.billkit/" + id);
        }
    }
}
