package io.billkit.application.inmemory;

import io.billkit.application.port.out.WebhookEndpoint;
import io.billkit.application.port.out.WebhookEndpointStore;
import io.billkit.domain.customer.CustomerId;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link WebhookEndpointStore} in memory. */
public final class InMemoryWebhookEndpointStore implements WebhookEndpointStore {
    private static final Comparator<WebhookEndpoint> OLDEST_FIRST =
            Comparator.comparing(WebhookEndpoint::createdAt).thenComparing(WebhookEndpoint::id);

    private final InMemoryTransactions tx;
    private final Map<String, WebhookEndpoint> endpoints = new LinkedHashMap<>();
    private final Map<String, Integer> consecutiveDead = new LinkedHashMap<>();

    public InMemoryWebhookEndpointStore(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void save(WebhookEndpoint endpoint) {
        tx.put(endpoints, Objects.requireNonNull(endpoint, "endpoint").id(), endpoint);
    }

    @Override
    public Optional<WebhookEndpoint> find(String id) {
        Objects.requireNonNull(id, "id");
        return tx.read(() -> Optional.ofNullable(endpoints.get(id)));
    }

    @Override
    public List<WebhookEndpoint> list(Optional<CustomerId> customer) {
        Objects.requireNonNull(customer, "customer");
        return tx.read(() -> endpoints.values().stream()
                .filter(e -> customer.isEmpty() || e.customer().equals(customer))
                .sorted(OLDEST_FIRST).toList());
    }

    @Override
    public List<WebhookEndpoint> matching(String customerId, String eventType) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(eventType, "eventType");
        return tx.read(() -> endpoints.values().stream()
                .filter(e -> e.receives(customerId, eventType))
                .sorted(OLDEST_FIRST).toList());
    }

    @Override
    public boolean recordDeadDelivery(String endpointId, int disableAfter) {
        Objects.requireNonNull(endpointId, "endpointId");
        io.billkit.domain.BillingException.require(disableAfter >= 1, "disableAfter must be >= 1 but was " + disableAfter);
        return tx.inTransaction(() -> {
            WebhookEndpoint endpoint = endpoints.get(endpointId);
            if (endpoint == null) {
                return false;
            }
            int count = consecutiveDead.getOrDefault(endpointId, 0) + 1;
            tx.put(consecutiveDead, endpointId, count);
            if (endpoint.active() && count >= disableAfter) {
                tx.put(endpoints, endpointId, new WebhookEndpoint(endpoint.id(), endpoint.customer(), endpoint.url(),
                        endpoint.secret(), endpoint.eventTypes(), false, endpoint.createdAt()));
                return true;
            }
            return false;
        });
    }

    @Override
    public void recordDelivered(String endpointId) {
        Objects.requireNonNull(endpointId, "endpointId");
        tx.inTransaction(() -> endpoints.containsKey(endpointId) ? tx.put(consecutiveDead, endpointId, 0) : null);
    }

    @Override
    public boolean reactivate(String endpointId) {
        java.util.Objects.requireNonNull(endpointId, "endpointId");
        return tx.inTransaction(() -> {
            WebhookEndpoint endpoint = endpoints.get(endpointId);
            if (endpoint == null || endpoint.active()) {
                return false;
            }
            tx.put(endpoints, endpointId, new WebhookEndpoint(endpoint.id(), endpoint.customer(), endpoint.url(),
                    endpoint.secret(), endpoint.eventTypes(), true, endpoint.createdAt()));
            tx.put(consecutiveDead, endpointId, 0);
            return true;
        });
    }
}
