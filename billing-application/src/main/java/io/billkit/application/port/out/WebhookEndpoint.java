package io.billkit.application.port.out;

import io.billkit.domain.BillingException;
import io.billkit.domain.customer.CustomerId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered receiver of BillKit's domain events (outbound webhooks).
 *
 * @param id         unique id, e.g. {@code we_3f9a...}
 * @param customer   the customer whose events it receives; empty: every customer's events (a global endpoint)
 * @param url        where events are POSTed (https, or http on localhost)
 * @param secret     HMAC-SHA256 signing secret ({@code whsec_...})
 * @param eventTypes event types it receives (e.g. {@code invoice.created}); empty: every type
 * @param active     inactive endpoints receive nothing
 * @param createdAt  when it was registered
 */
public record WebhookEndpoint(String id, Optional<CustomerId> customer, String url, String secret,
                              List<String> eventTypes, boolean active, Instant createdAt) {
    public WebhookEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        eventTypes = List.copyOf(Objects.requireNonNull(eventTypes, "eventTypes"));
        Objects.requireNonNull(createdAt, "createdAt");
        BillingException.require(!id.isBlank(), "webhook endpoint id must not be blank");
        BillingException.require(url.startsWith("https://") || url.startsWith("http://"),
                "webhook url must start with https:// or http:// but was '" + url + "'");
        BillingException.require(!secret.isBlank(), "webhook secret must not be blank");
    }

    /** Whether an event of {@code type} about {@code customerId} goes to this endpoint. */
    public boolean receives(String customerId, String type) {
        return active
                && customer.map(c -> c.value().equals(customerId)).orElse(true)
                && (eventTypes.isEmpty() || eventTypes.contains(type));
    }
}
