package io.billkit.application.port.in.subscription;

import java.util.Objects;

/**
 * A hosted checkout session to redirect the customer to.
 */
public record CheckoutView(String sessionId, String url) {
    public CheckoutView {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(url, "url");
    }
}
