package io.billkit.application.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * Remembers the result of an idempotent request under its client key (billing_idempotency), so a
 * replay within the retention (24 h) returns the stored result instead of running again.
 */
public interface IdempotencyStore {

    /** The stored record for {@code key} if it has not expired at {@code now}. */
    Optional<StoredResult> find(String key, Instant now);

    /**
     * Stores a result unless an unexpired record for the key exists; returns false when one does
     * (the caller then replays or refuses). Expired records are replaced.
     */
    boolean saveIfAbsent(String key, StoredResult result, Instant now);

    /**
     * @param requestHash hash of the request body, to refuse the same key with another payload
     * @param result      the serialised result to replay
     * @param expiresAt   when the record stops counting
     */
    record StoredResult(String requestHash, String result, Instant expiresAt) {
        public StoredResult {
            java.util.Objects.requireNonNull(requestHash, "requestHash");
            java.util.Objects.requireNonNull(result, "result");
            java.util.Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }
}
