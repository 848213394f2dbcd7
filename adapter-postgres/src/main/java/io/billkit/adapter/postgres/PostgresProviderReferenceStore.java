package io.billkit.adapter.postgres;

import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;

import java.util.Objects;
import java.util.Optional;

/**
 * {@link ProviderReferenceStore} on {@code provider_references}: unique per (kind, local id) and per
 * (kind, provider id). Linking an existing pair again is a no-op; any other clash is a CONFLICT, found
 * without a failed statement (so a surrounding transaction stays usable).
 */
final class PostgresProviderReferenceStore implements ProviderReferenceStore {
    private final JdbiTransactions tx;

    PostgresProviderReferenceStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void link(String kind, String localId, String providerId) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(localId, "localId");
        Objects.requireNonNull(providerId, "providerId");
        tx.useHandle(RowScope.system(), h -> {
            int inserted = h.createUpdate("""
                            INSERT INTO provider_references (kind, local_id, provider_id)
                            VALUES (:kind, :localId, :providerId) ON CONFLICT DO NOTHING""")
                    .bind("kind", kind).bind("localId", localId).bind("providerId", providerId)
                    .execute();
            if (inserted == 1) {
                return;
            }
            boolean samePair = h.createQuery("""
                            SELECT count(*) FROM provider_references
                            WHERE kind = :kind AND local_id = :localId AND provider_id = :providerId""")
                    .bind("kind", kind).bind("localId", localId).bind("providerId", providerId)
                    .mapTo(Integer.class).one() == 1;
            if (!samePair) {
                throw new BillingException(ErrorCode.CONFLICT,
                        kind + " " + localId + " or provider id " + providerId + " is already linked to another id");
            }
        });
    }

    @Override
    public Optional<String> providerId(String kind, String localId) {
        return tx.withHandle(RowScope.system(), h -> h.createQuery(
                        "SELECT provider_id FROM provider_references WHERE kind = :kind AND local_id = :localId")
                .bind("kind", kind).bind("localId", localId)
                .mapTo(String.class).findOne());
    }

    @Override
    public java.util.Map<String, String> providerIds(String kind, java.util.Collection<String> localIds) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(localIds, "localIds");
        if (localIds.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<String, String> found = new java.util.HashMap<>();
        tx.useHandle(RowScope.system(), h -> h.createQuery("""
                        SELECT local_id, provider_id FROM provider_references
                        WHERE kind = :kind AND local_id = ANY(CAST(:localIds AS text[]))""")
                .bind("kind", kind)
                .bindArray("localIds", String.class, java.util.List.copyOf(localIds))
                .map((rs, ctx) -> java.util.Map.entry(rs.getString("local_id"), rs.getString("provider_id")))
                .forEach(e -> found.put(e.getKey(), e.getValue())));
        return found;
    }

    @Override
    public Optional<String> localId(String kind, String providerId) {
        return tx.withHandle(RowScope.system(), h -> h.createQuery(
                        "SELECT local_id FROM provider_references WHERE kind = :kind AND provider_id = :providerId")
                .bind("kind", kind).bind("providerId", providerId)
                .mapTo(String.class).findOne());
    }
}
