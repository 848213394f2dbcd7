package io.billkit.application.inmemory;

import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.OutboxEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@link Outbox} in memory. */
public final class InMemoryOutbox implements Outbox {
    private final InMemoryTransactions tx;
    private final List<OutboxEvent> events = new ArrayList<>();
    private final Map<String, Instant> published = new HashMap<>();

    public InMemoryOutbox(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void append(OutboxEvent event) {
        tx.append(events, Objects.requireNonNull(event, "event"));
    }

    @Override
    public List<OutboxEvent> unpublished(int limit) {
        return tx.read(() -> events.stream().filter(e -> !published.containsKey(e.id())).limit(limit).toList());
    }

    @Override
    public void markPublished(String eventId, Instant at) {
        tx.put(published, eventId, at);
    }

    /** Every event ever appended, oldest first (for tests). */
    public List<OutboxEvent> all() {
        return tx.read(() -> List.copyOf(events));
    }
}
