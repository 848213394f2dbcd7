package io.billkit.adapter.http;

import io.billkit.application.port.out.IdempotentRequestStore;
import io.billkit.application.port.out.IdempotentRequestStore.Claimed;
import io.billkit.application.port.out.IdempotentRequestStore.InProgress;
import io.billkit.application.port.out.IdempotentRequestStore.Mismatch;
import io.billkit.application.port.out.IdempotentRequestStore.Replay;
import io.billkit.application.port.out.IdempotentRequestStore.StoredAnswer;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} header of every state-changing route, the way Stripe does it, in one place
 * ({@link RouteRegistry} wraps each such route's handler, inside its access control):
 * <ul>
 *   <li>without the header the request simply runs;</li>
 *   <li>the first request with a key (per caller: session subject or API key) claims it, runs, and its answer
 *       (status, media type, body) is kept for {@link #RETENTION};</li>
 *   <li>a retry with the same key, method, path, query and body gets that answer again, with header
 *       {@code Idempotent-Replayed: true}, and nothing runs twice;</li>
 *   <li>the same key with another request is 409 {@code idempotency-key-reused}; while the first request still
 *       runs, 409 {@code idempotency-key-in-use} with {@code Retry-After};</li>
 *   <li>a request that fails (an exception: 4xx problem or 5xx), or answers 429 or 5xx, keeps nothing: the retry
 *       runs afresh (a 4xx comes out the same; a 5xx may have been transient).</li>
 * </ul>
 * A claim whose process died mid-request stops blocking its key after {@link #LEASE}.
 */
final class IdempotentRequests {
    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;
    static final Duration RETENTION = Duration.ofHours(24);
    static final Duration LEASE = Duration.ofMinutes(2);
    private static final Pattern SANE_KEY = Pattern.compile("[\\x21-\\x7E]{1," + MAX_KEY_LENGTH + "}");

    private final IdempotentRequestStore store;
    private final Clock clock;

    IdempotentRequests(IdempotentRequestStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code handler} with the idempotency-key protocol when {@code spec} (read per request) asks for it. */
    Handler wrap(Supplier<RouteSpec> spec, Handler handler) {
        return ctx -> {
            String key = ctx.header(HEADER);
            Optional<String> caller = AccessControl.caller(ctx);
            if (key == null || !spec.get().genericIdempotency() || caller.isEmpty()) {
                handler.handle(ctx);
                return;
            }
            handle(ctx, caller.get(), key, handler);
        };
    }

    private void handle(Context ctx, String caller, String key, Handler handler) throws Exception {
        if (!SANE_KEY.matcher(key).matches()) {
            throw ApiProblem.invalidField(HEADER, "the " + HEADER + " header must be 1.." + MAX_KEY_LENGTH
                    + " visible ASCII characters (e.g. a UUID)");
        }
        IdempotentRequestStore.Claim claim = store.claim(caller, key, fingerprint(ctx), clock.instant(), LEASE,
                RETENTION);
        if (claim instanceof Replay replay) {
            StoredAnswer answer = replay.answer();
            ctx.status(answer.status());
            if (!answer.contentType().isEmpty()) {
                ctx.contentType(answer.contentType());
            }
            ctx.header(REPLAYED_HEADER, "true");
            ctx.result(answer.body());
            return;
        }
        if (claim instanceof InProgress) {
            throw new ApiProblem(409, "idempotency-key-in-use", "Idempotency key in use",
                    "a request with this " + HEADER + " is still being processed; retry after it has answered",
                    Optional.of(HEADER), Map.of("Retry-After", "1"));
        }
        if (claim instanceof Mismatch) {
            throw new ApiProblem(409, "idempotency-key-reused", "Idempotency key reused",
                    "this " + HEADER + " was already used for a different request (method, path, query or body); "
                            + "use a new key for a new request", Optional.of(HEADER), Map.of());
        }
        if (!(claim instanceof Claimed)) {
            throw new IllegalStateException("unknown claim " + claim);
        }
        boolean kept = false;
        try {
            handler.handle(ctx);
            int status = ctx.statusCode();
            if (status < 500 && status != 429) {
                store.complete(caller, key, new StoredAnswer(status, Objects.requireNonNullElse(
                        ctx.res().getContentType(), ""), resultBytes(ctx)));
                kept = true;
            }
        } finally {
            if (!kept) {
                store.release(caller, key);
            }
        }
    }

    /** The answer's body; the context gets an equal, unread copy back. */
    private static byte[] resultBytes(Context ctx) throws IOException {
        InputStream result = ctx.resultInputStream();
        if (result == null) {
            return new byte[0];
        }
        byte[] bytes;
        try (result) {
            bytes = result.readAllBytes();
        }
        ctx.result(bytes);
        return bytes;
    }

    /** SHA-256 of method, path, query and body: what "the same request" means. */
    static String fingerprint(Context ctx) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((ctx.method().name() + " " + ctx.path() + "?" + Objects.requireNonNullElse(ctx.queryString(), "")
                    + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(ctx.bodyAsBytes());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
