package io.billkit.application.port.in.webhook;

import java.util.Objects;

/**
 * A newly registered endpoint and its signing secret ({@code whsec_...}); the secret is shown this once.
 */
public record RegisteredWebhookEndpoint(WebhookEndpointView endpoint, String secret) {
    public RegisteredWebhookEndpoint {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(secret, "secret");
    }
}
