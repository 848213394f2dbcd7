package io.billkit.application.inmemory;

import io.billkit.application.port.out.ProviderEventCursor;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link ProviderEventCursor} in memory. */
public final class InMemoryProviderEventCursor implements ProviderEventCursor {
    private final InMemoryTransactions tx;
    private final Map<String, Instant> cursors = new HashMap<>();

    public InMemoryProviderEventCursor(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public Optional<Instant> lastApplied(String kind, String providerObjectId) {
        return tx.read(() -> Optional.ofNullable(cursors.get(key(kind, providerObjectId))));
    }

    @Override
    public boolean advance(String kind, String providerObjectId, Instant createdAt) {
        Objects.requireNonNull(createdAt, "createdAt");
        String key = key(kind, providerObjectId);
        return tx.inTransaction(() -> {
            Instant current = cursors.get(key);
            if (current != null && current.isAfter(createdAt)) {
                return false;
            }
            tx.put(cursors, key, createdAt);
            return true;
        });
    }

    private static String key(String kind, String providerObjectId) {
        return Objects.requireNonNull(kind, "kind") + ':' + Objects.requireNonNull(providerObjectId, "providerObjectId");
    }
}
