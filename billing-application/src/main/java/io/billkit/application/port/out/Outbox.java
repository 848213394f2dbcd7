package io.billkit.application.port.out;

import java.time.Instant;
import java.util.List;

/** The transactional outbox of domain events. */
public interface Outbox {

    void append(OutboxEvent event);

    /** Oldest unpublished events first, at most {@code limit}. */
    List<OutboxEvent> unpublished(int limit);

    void markPublished(String eventId, Instant at);
}
