package io.billkit.application.service;

import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.OutboxEvent;
import io.billkit.domain.customer.CustomerId;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Appends domain events to the outbox (inside the caller's transaction). */
final class OutboxEvents {
    private OutboxEvents() {
    }

    static void append(Outbox outbox, String type, String aggregate, CustomerId customer, Map<String, String> payload,
                       Instant at) {
        outbox.append(new OutboxEvent(UUID.randomUUID().toString(), type, aggregate, customer.value(), payload, at));
    }
}
