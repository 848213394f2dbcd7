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
}
