package io.billkit.adapter.postgres;

import io.billkit.application.port.out.IdempotentRequestStore;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link IdempotentRequestStore} on {@code http_idempotency_keys}. A claim is one upsert that takes the key when it
 * is new, expired or held by a claim whose lease ended; when it does not, the row is read to tell a replay, a
 * request still running and a mismatch apart. Each call is its own short transaction (outside the request's
 * billing transaction, which commits before the answer is stored).
 */
final class PostgresIdempotentRequestStore implements IdempotentRequestStore {
    private static final int ATTEMPTS = 3;
    private final JdbiTransactions tx;

    PostgresIdempotentRequestStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    private record Row(String requestHash, Integer status, String contentType, byte[] body) {
    }

    @Override
    public Claim claim(String caller, String key, String requestHash, Instant now, Duration lease, Duration retention) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(requestHash, "requestHash");
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            boolean claimed = tx.withHandle(RowScope.system(), h -> h.createUpdate("""
                            INSERT INTO http_idempotency_keys
                                (caller, key, request_hash, status, content_type, body, locked_until, created_at, expires_at)
                            VALUES (:caller, :key, :hash, NULL, NULL, NULL, :lockedUntil, :now, :expiresAt)
                            ON CONFLICT (caller, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = NULL,
                                content_type = NULL, body = NULL, locked_until = EXCLUDED.locked_until,
                                created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
                            WHERE http_idempotency_keys.expires_at <= :now
                               OR (http_idempotency_keys.status IS NULL AND http_idempotency_keys.locked_until <= :now)""")
                    .bind("caller", caller)
                    .bind("key", key)
                    .bind("hash", requestHash)
                    .bind("now", SqlValues.timestamp(now))
                    .bind("lockedUntil", SqlValues.timestamp(now.plus(lease)))
                    .bind("expiresAt", SqlValues.timestamp(now.plus(retention)))
                    .execute() == 1);
            if (claimed) {
                return new Claimed();
            }
            Optional<Row> row = tx.withHandle(RowScope.system(), h -> h.createQuery("""
                            SELECT request_hash, status, content_type, body FROM http_idempotency_keys
                            WHERE caller = :caller AND key = :key""")
                    .bind("caller", caller)
                    .bind("key", key)
                    .map((rs, ctx) -> new Row(rs.getString("request_hash"), (Integer) rs.getObject("status"),
                            rs.getString("content_type"), rs.getBytes("body")))
                    .findOne());
            if (row.isEmpty()) {
                continue; // released between the two statements: try to claim again
            }
            Row r = row.get();
            if (!r.requestHash().equals(requestHash)) {
                return new Mismatch();
            }
            if (r.status() == null) {
                return new InProgress();
            }
            return new Replay(new StoredAnswer(r.status(), r.contentType() == null ? "" : r.contentType(),
                    r.body() == null ? new byte[0] : r.body()));
        }
        return new InProgress();
    }

    @Override
    public void complete(String caller, String key, StoredAnswer answer) {
        Objects.requireNonNull(answer, "answer");
        tx.withHandle(RowScope.system(), h -> h.createUpdate("""
                        UPDATE http_idempotency_keys SET status = :status, content_type = :contentType, body = :body
                        WHERE caller = :caller AND key = :key AND status IS NULL""")
                .bind("caller", caller)
                .bind("key", key)
                .bind("status", answer.status())
                .bind("contentType", answer.contentType())
                .bind("body", answer.body())
                .execute());
    }

    @Override
    public void release(String caller, String key) {
        tx.withHandle(RowScope.system(), h -> h.createUpdate("""
                        DELETE FROM http_idempotency_keys WHERE caller = :caller AND key = :key AND status IS NULL""")
                .bind("caller", caller)
                .bind("key", key)
                .execute());
    }
}
