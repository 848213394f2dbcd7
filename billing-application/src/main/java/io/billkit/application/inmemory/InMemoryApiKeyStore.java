package io.billkit.application.inmemory;

import io.billkit.application.port.out.ApiKeyStore;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link ApiKeyStore} in memory. */
public final class InMemoryApiKeyStore implements ApiKeyStore {
    private final InMemoryTransactions tx;
    private final Map<String, ApiKey> byHash = new HashMap<>();

    public InMemoryApiKeyStore(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void save(ApiKey key) {
        tx.run(() -> {
            byHash.values().stream().filter(k -> k.id().equals(key.id())).findFirst()
                    .ifPresent(old -> tx.remove(byHash, old.keyHash()));
            tx.put(byHash, key.keyHash(), key);
        });
    }

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
        return tx.read(() -> Optional.ofNullable(byHash.get(keyHash)));
    }
}
