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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The mock provider's checkout and portal pages; completing a checkout emits its event. */
final class MockHostedSessions implements ProviderHostedSessions {
    private final MockProviderState state;
    private final MockSubscriptions subscriptions;
    private final Map<String, CheckoutSession> checkouts = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> checkoutData = new HashMap<>();

    MockHostedSessions(MockProviderState state, MockSubscriptions subscriptions) {
        this.state = state;
        this.subscriptions = subscriptions;
    }

    @Override
    public CheckoutSession createSubscriptionCheckout(String customerId, PlanCode plan, String successUrl,
                                                      String cancelUrl, String idempotencyKey) {
        synchronized (state) {
            return state.idempotent("createSubscriptionCheckout", idempotencyKey, List.of(customerId, plan.value()), () ->
                    newCheckout("subscription", Map.of(ProviderEvent.CUSTOMER, customerId, ProviderEvent.PLAN, plan.value())));
        }
    }

    @Override
    public CheckoutSession createCreditPackCheckout(String customerId, CreditProduct product, String successUrl,
                                                    String cancelUrl, String idempotencyKey) {
        synchronized (state) {
            return state.idempotent("createCreditPackCheckout", idempotencyKey, List.of(customerId, product.code()), () ->
                    newCheckout("payment", Map.of(ProviderEvent.CUSTOMER, customerId, ProviderEvent.CREDIT_PRODUCT, product.code(),
                            ProviderEvent.AMOUNT_MINOR, Long.toString(product.price().toMinor()),
                            ProviderEvent.CURRENCY, product.price().currencyCode().toLowerCase(Locale.ROOT))));
        }
    }

    private CheckoutSession newCheckout(String mode, Map<String, String> data) {
        state.requireCustomer(data.get(ProviderEvent.CUSTOMER));
        String id = state.id("cs");
        CheckoutSession session = new CheckoutSession(id, "https://checkout.mock.billkit/" + id, mode);
        checkouts.put(id, session);
        checkoutData.put(id, data);
        return session;
    }

    /** Completes a checkout session as if the customer paid, and emits its completion. */
    void complete(String sessionId) {
        ProviderEvent event;
        synchronized (state) {
            CheckoutSession session = MockProviderState.require(checkouts.get(sessionId), "checkout session", sessionId);
            Map<String, String> data = new HashMap<>(checkoutData.get(sessionId));
            data.put(ProviderEvent.STATUS, "complete");
            data.put(ProviderEvent.MODE, session.mode());
            if (session.mode().equals("subscription")) {
                ProviderSubscription subscription = subscriptions.newSubscription(data.get(ProviderEvent.CUSTOMER),
                        PlanCode.of(data.get(ProviderEvent.PLAN)), Optional.empty());
                data.put(ProviderEvent.SUBSCRIPTION, subscription.id());
            }
            event = state.event("checkout.session.completed", sessionId, data);
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
