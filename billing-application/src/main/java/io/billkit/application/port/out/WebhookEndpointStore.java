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

    /**
     * Counts one more delivery of {@code endpointId} given up (DEAD after every retry failed) since the endpoint
     * last accepted one; when the count reaches {@code disableAfter} the endpoint is made inactive in the same
     * write. Returns whether this call disabled it. An unknown endpoint is ignored (false).
     */
    boolean recordDeadDelivery(String endpointId, int disableAfter);

    /**
     * Makes the endpoint active again with its count of consecutive dead deliveries at 0. Returns whether it was
     * inactive (false: unknown or already active; nothing changes then).
     */
    boolean reactivate(String endpointId);

    /** The endpoint accepted a delivery: its count of consecutive dead deliveries restarts at 0. */
    void recordDelivered(String endpointId);
}
