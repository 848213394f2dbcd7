package io.billkit.adapter.postgres;

import io.billkit.application.port.out.IdempotencyStore;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link IdempotencyStore} on {@code billing_idempotency}. {@link #saveIfAbsent} is one statement: an
 * insert that, on a key clash, replaces the stored row only when it has expired.
 */
final class PostgresIdempotencyStore implements IdempotencyStore {
    private final JdbiTransactions tx;

    PostgresIdempotencyStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    /** A {@code billing_idempotency} row. */
    record IdempotencyRow(String requestHash, String result, Instant expiresAt) {
        static IdempotencyRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new IdempotencyRow(rs.getString("request_hash"), rs.getString("result"),
                    SqlValues.instant(rs, "expires_at"));
        }

        StoredResult toDomain() {
            return new StoredResult(requestHash, result, expiresAt);
        }
    }

    @Override
    public Optional<StoredResult> find(String key, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        return tx.withHandle(RowScope.system(), h -> h.createQuery("""
                        SELECT request_hash, result, expires_at FROM billing_idempotency
                        WHERE key = :key AND expires_at > :now""")
                .bind("key", key)
                .bind("now", SqlValues.timestamp(now))
                .map(IdempotencyRow::map)
                .findOne()
                .map(IdempotencyRow::toDomain));
    }

    @Override
    public boolean saveIfAbsent(String key, StoredResult result, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(now, "now");
        return tx.withHandle(RowScope.system(), h -> h.createUpdate("""
                        INSERT INTO billing_idempotency (key, request_hash, result, created_at, expires_at)
                        VALUES (:key, :requestHash, :result, :now, :expiresAt)
                        ON CONFLICT (key) DO UPDATE SET request_hash = EXCLUDED.request_hash,
                            result = EXCLUDED.result, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
                        WHERE billing_idempotency.expires_at <= :now""")
                .bind("key", key)
                .bind("requestHash", result.requestHash())
                .bind("result", result.result())
                .bind("now", SqlValues.timestamp(now))
                .bind("expiresAt", SqlValues.timestamp(result.expiresAt()))
                .execute() == 1);
    }
}
