package io.billkit.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Client {@code Idempotency-Key}s of state-changing requests and the first answer given under each, per caller
 * (Stripe's model): the first request with a key claims it, runs, and its answer (status, media type, body) is
 * stored for the retention; a retry with the same key and the same request replays that answer; the same key
 * with another request, or while the first still runs, is refused by the caller of this port.
 *
 * <p>A claim that is never completed (the process died mid-request) stops blocking the key when its lease ends;
 * a request that failed without an answer worth keeping (5xx, rate limit) releases its claim, so the retry runs.
 * Keys and answers must survive a restart in a durable implementation.
 */
public interface IdempotentRequestStore {

    /**
     * Claims {@code key} of {@code caller} for a request with fingerprint {@code requestHash}, or tells why not.
     *
     * @param lease     how long an uncompleted claim blocks the key
     * @param retention how long the key and its answer are kept after {@code now}
     */
    Claim claim(String caller, String key, String requestHash, Instant now, Duration lease, Duration retention);

    /** Stores the answer of the request that holds the claim on {@code key}. */
    void complete(String caller, String key, StoredAnswer answer);

    /** Gives up a claim without an answer: the next request with the key runs. */
    void release(String caller, String key);

    /** The outcome of {@link #claim}. */
    sealed interface Claim permits Claimed, InProgress, Replay, Mismatch {
    }

    /** The key was free (or its record had expired): run the request, then {@link #complete} or {@link #release}. */
    record Claimed() implements Claim {
    }

    /** A request with this key is still running. */
    record InProgress() implements Claim {
    }

    /** The key already answered a request with the same fingerprint: replay {@code answer}. */
    record Replay(StoredAnswer answer) implements Claim {
        public Replay {
            Objects.requireNonNull(answer, "answer");
        }
    }

    /** The key was used for a request with another fingerprint (body, method or path). */
    record Mismatch() implements Claim {
    }

    /**
     * @param status      HTTP status of the first answer
     * @param contentType its media type, "" when it had none
     * @param body        its body (may be empty)
     */
    record StoredAnswer(int status, String contentType, byte[] body) {
        public StoredAnswer {
            Objects.requireNonNull(contentType, "contentType");
            body = Objects.requireNonNull(body, "body").clone();
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("status must be 100..599 but was " + status);
            }
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StoredAnswer a && a.status == status && a.contentType.equals(contentType)
                    && Arrays.equals(a.body, body);
        }

        @Override
        public int hashCode() {
            return Objects.hash(status, contentType, Arrays.hashCode(body));
        }

        @Override
        public String toString() {
            return "StoredAnswer[status=" + status + ", contentType=" + contentType + ", body=" + body.length + " bytes]";
        }
    }
}
