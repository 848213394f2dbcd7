package io.billkit.application.port.out;

import io.billkit.domain.customer.CustomerId;

import java.util.List;
import java.util.Optional;

/** Registered outbound webhook endpoints. */
public interface WebhookEndpointStore {

    /** Inserts the endpoint, or replaces the one with the same id. */
    void save(WebhookEndpoint endpoint);

    Optional<WebhookEndpoint> find(String id);

    /**
     * With a customer: that customer's own endpoints (not the global ones); without one: every endpoint.
     * Oldest first.
     */
    List<WebhookEndpoint> list(Optional<CustomerId> customer);

    /**
     * The active endpoints an event of {@code eventType} about {@code customerId} goes to: the customer's own
     * and the global ones (no customer) whose event types contain {@code eventType} or are empty. Oldest first.
     */
    List<WebhookEndpoint> matching(String customerId, String eventType);
}
