package io.billkit.application.port.out.provider;

import java.util.Objects;

/** A hosted customer-portal page (payment methods, invoices). */
public record PortalSession(String id, String url) {
    public PortalSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
    }
}
