package io.billkit.application.port.in.subscription;

import java.util.Objects;

/**
 * The portal session URL.
 */
public record PortalView(String url) {
    public PortalView {
        Objects.requireNonNull(url, "url");
    }
}
