package io.billkit.application.inmemory;

import io.billkit.application.port.out.ProviderEventInbox;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** {@link ProviderEventInbox} in memory. */
public final class InMemoryProviderEventInbox implements ProviderEventInbox {
    private final InMemoryTransactions tx;
    private final Map<String, Instant> received = new HashMap<>();
    private final Map<String, Instant> processed = new HashMap<>();

    public InMemoryProviderEventInbox(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public boolean markReceived(String providerEventId, String type, Instant providerCreatedAt, Instant receivedAt) {
        Objects.requireNonNull(providerEventId, "providerEventId");
        return tx.inTransaction(() -> {
            if (received.containsKey(providerEventId)) {
                return false;
            }
            tx.put(received, providerEventId, receivedAt);
            return true;
        });
    }

    @Override
    public void markProcessed(String providerEventId, Instant processedAt) {
        Objects.requireNonNull(providerEventId, "providerEventId");
        Objects.requireNonNull(processedAt, "processedAt");
        tx.inTransaction(() -> {
            if (received.containsKey(providerEventId)) {
                tx.put(processed, providerEventId, processedAt);
            }
            return null;
        });
    }

    @Override
    public boolean isProcessed(String providerEventId) {
        Objects.requireNonNull(providerEventId, "providerEventId");
        return tx.inTransaction(() -> processed.containsKey(providerEventId));
    }
}
