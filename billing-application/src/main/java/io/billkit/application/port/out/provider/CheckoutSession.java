package io.billkit.application.port.out.provider;

import java.util.Objects;

/** A hosted checkout page the customer is sent to. */
public record CheckoutSession(String id, String url) {
    public CheckoutSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
    }
}
