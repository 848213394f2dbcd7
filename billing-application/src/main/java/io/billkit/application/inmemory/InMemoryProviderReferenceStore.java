package io.billkit.application.inmemory;

import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link ProviderReferenceStore} in memory. */
public final class InMemoryProviderReferenceStore implements ProviderReferenceStore {
    private final InMemoryTransactions tx;
    private final Map<String, String> toProvider = new HashMap<>();
    private final Map<String, String> toLocal = new HashMap<>();

    public InMemoryProviderReferenceStore(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void link(String kind, String localId, String providerId) {
        tx.inTransaction(() -> {
            String existingProvider = toProvider.get(kind + ':' + localId);
            String existingLocal = toLocal.get(kind + ':' + providerId);
            if (providerId.equals(existingProvider) && localId.equals(existingLocal)) {
                return null;
            }
            if (existingProvider != null || existingLocal != null) {
                throw new BillingException(ErrorCode.CONFLICT, kind + " " + localId + " is already linked");
            }
            tx.put(toProvider, kind + ':' + localId, providerId);
            tx.put(toLocal, kind + ':' + providerId, localId);
            return null;
        });
    }

    @Override
    public Optional<String> providerId(String kind, String localId) {
        return tx.read(() -> Optional.ofNullable(toProvider.get(kind + ':' + localId)));
    }

    @Override
    public Optional<String> localId(String kind, String providerId) {
        return tx.read(() -> Optional.ofNullable(toLocal.get(kind + ':' + providerId)));
    }
}
