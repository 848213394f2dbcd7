package io.billkit.application.contract;

import io.billkit.application.port.out.IdempotencyStore;
import io.billkit.application.port.out.IdempotencyStore.StoredResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link IdempotencyStore} must do. */
public abstract class IdempotencyStoreContract {

    protected abstract IdempotencyStore store();

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void a_stored_result_replays_until_it_expires() {
        IdempotencyStore store = store();
        StoredResult result = new StoredResult("hash-a", "{\"run\":1}", NOW.plus(Duration.ofHours(24)));
        assertThat(store.saveIfAbsent("key-0123456789abcdef", result, NOW)).isTrue();
        assertThat(store.find("key-0123456789abcdef", NOW.plus(Duration.ofHours(23)))).contains(result);
        assertThat(store.find("key-0123456789abcdef", NOW.plus(Duration.ofHours(24)))).isEmpty();
        assertThat(store.find("key-unknown-0123456", NOW)).isEmpty();
    }

    @Test
    void the_first_result_wins_and_an_expired_one_is_replaced() {
        IdempotencyStore store = store();
        StoredResult first = new StoredResult("hash-a", "first", NOW.plus(Duration.ofHours(24)));
        StoredResult second = new StoredResult("hash-b", "second", NOW.plus(Duration.ofHours(25)));
        assertThat(store.saveIfAbsent("key-0123456789abcdef", first, NOW)).isTrue();
        assertThat(store.saveIfAbsent("key-0123456789abcdef", second, NOW.plusSeconds(60))).isFalse();
        assertThat(store.find("key-0123456789abcdef", NOW.plusSeconds(61))).contains(first);
        Instant later = NOW.plus(Duration.ofHours(30));
        StoredResult third = new StoredResult("hash-c", "third", later.plus(Duration.ofHours(24)));
        assertThat(store.saveIfAbsent("key-0123456789abcdef", third, later)).isTrue();
        assertThat(store.find("key-0123456789abcdef", later)).contains(third);
    }
}
