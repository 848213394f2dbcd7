package io.billkit.application.port.out;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A domain event written in the same transaction as the change it announces (the {@code events}
 * outbox), published later by a relay (outbound webhooks).
 *
 * @param id        unique id (UUID string)
 * @param type      e.g. {@code invoice.created}, {@code usage.alert}
 * @param aggregate id of the entity concerned
 * @param customerId customer concerned
 * @param payload   flat string map
 * @param createdAt when the change happened
 */
public record OutboxEvent(String id, String type, String aggregate, String customerId, Map<String, String> payload,
                          Instant createdAt) {
    public OutboxEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(customerId, "customerId");
        payload = Map.copyOf(Objects.requireNonNull(payload, "payload"));
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
