package io.billkit.application.inmemory;

import io.billkit.application.port.out.IdempotentRequestStore;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link IdempotentRequestStore} in this process (tests, embedding, {@code BILLKIT_STORAGE=memory}). */
public final class InMemoryIdempotentRequestStore implements IdempotentRequestStore {
    private record Entry(String requestHash, Optional<StoredAnswer> answer, Instant lockedUntil, Instant expiresAt) {
    }

    private final Map<String, Entry> entries = new HashMap<>();

    private static String id(String caller, String key) {
        return caller.length() + ":" + caller + ":" + key;
    }

    @Override
    public synchronized Claim claim(String caller, String key, String requestHash, Instant now, Duration lease,
                                    Duration retention) {
        Objects.requireNonNull(requestHash, "requestHash");
        String id = id(caller, key);
        Entry entry = entries.get(id);
        boolean free = entry == null || !entry.expiresAt().isAfter(now)
                || (entry.answer().isEmpty() && !entry.lockedUntil().isAfter(now));
        if (free) {
            entries.put(id, new Entry(requestHash, Optional.empty(), now.plus(lease), now.plus(retention)));
            return new Claimed();
        }
        if (!entry.requestHash().equals(requestHash)) {
            return new Mismatch();
        }
        return entry.answer().<Claim>map(Replay::new).orElseGet(InProgress::new);
    }

    @Override
    public synchronized void complete(String caller, String key, StoredAnswer answer) {
        Objects.requireNonNull(answer, "answer");
        entries.computeIfPresent(id(caller, key), (id, e) -> new Entry(e.requestHash(), Optional.of(answer),
                e.lockedUntil(), e.expiresAt()));
    }

    @Override
    public synchronized void release(String caller, String key) {
        entries.computeIfPresent(id(caller, key), (id, e) -> e.answer().isPresent() ? e : null);
    }
}
