package io.billkit.adapter.postgres;

import io.billkit.application.port.out.ProviderEventCursor;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ProviderEventCursor} on {@code provider_event_cursors}. {@link #advance} is one statement: an
 * insert that, when the object already has a cursor, moves it only if the stored time is not later
 * ({@code ON CONFLICT .. DO UPDATE .. WHERE}); the row count (1 inserted or moved, 0 stale) decides. A
 * concurrent advance of the same object waits for the first transaction's row lock and then re-evaluates
 * the condition against the committed row, so there is no read-then-write race. Instants are stored with
 * microsecond precision (provider timestamps are whole seconds).
 */
final class PostgresProviderEventCursor implements ProviderEventCursor {
    private final JdbiTransactions tx;

    PostgresProviderEventCursor(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public Optional<Instant> lastApplied(String kind, String providerObjectId) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(providerObjectId, "providerObjectId");
        return tx.withHandle(RowScope.system(), h -> h.createQuery("""
                        SELECT created_at FROM provider_event_cursors WHERE kind = :kind AND object_id = :id""")
                .bind("kind", kind)
                .bind("id", providerObjectId)
                .map((rs, ctx) -> SqlValues.instant(rs, "created_at"))
                .findOne());
    }

    @Override
    public boolean advance(String kind, String providerObjectId, Instant createdAt) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(providerObjectId, "providerObjectId");
        Objects.requireNonNull(createdAt, "createdAt");
        return tx.withHandle(RowScope.system(), h -> h.createUpdate("""
                        INSERT INTO provider_event_cursors (kind, object_id, created_at)
                        VALUES (:kind, :id, :createdAt)
                        ON CONFLICT (kind, object_id) DO UPDATE
                            SET created_at = EXCLUDED.created_at, updated_at = now()
                            WHERE provider_event_cursors.created_at <= EXCLUDED.created_at""")
                .bind("kind", kind)
                .bind("id", providerObjectId)
                .bind("createdAt", SqlValues.timestamp(createdAt))
                .execute() == 1);
    }
}
