package io.billkit.application.inmemory;

import io.billkit.application.port.out.IdempotencyStore;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link IdempotencyStore} in memory. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
    private final InMemoryTransactions tx;
    private final Map<String, StoredResult> results = new HashMap<>();

    public InMemoryIdempotencyStore(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public Optional<StoredResult> find(String key, Instant now) {
        return tx.read(() -> Optional.ofNullable(results.get(key)).filter(r -> r.expiresAt().isAfter(now)));
    }

    @Override
    public boolean saveIfAbsent(String key, StoredResult result, Instant now) {
        return tx.inTransaction(() -> {
            if (find(key, now).isPresent()) {
                return false;
            }
            tx.put(results, key, result);
            return true;
        });
    }
}
