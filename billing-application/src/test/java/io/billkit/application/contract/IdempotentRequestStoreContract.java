package io.billkit.application.contract;

import io.billkit.application.port.out.IdempotentRequestStore;
import io.billkit.application.port.out.IdempotentRequestStore.Claimed;
import io.billkit.application.port.out.IdempotentRequestStore.InProgress;
import io.billkit.application.port.out.IdempotentRequestStore.Mismatch;
import io.billkit.application.port.out.IdempotentRequestStore.Replay;
import io.billkit.application.port.out.IdempotentRequestStore.StoredAnswer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link IdempotentRequestStore} must do. */
public abstract class IdempotentRequestStoreContract {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Duration DAY = Duration.ofHours(24);

    protected abstract IdempotentRequestStore store();

    private static String key() {
        return "key-" + UUID.randomUUID();
    }

    private static StoredAnswer answer(String body) {
        return new StoredAnswer(201, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void the_first_answer_replays_for_the_same_request_until_it_expires() {
        IdempotentRequestStore store = store();
        String key = key();
        assertThat(store.claim("user:ann", key, "h1", NOW, LEASE, DAY)).isEqualTo(new Claimed());
        store.complete("user:ann", key, answer("{\"id\":1}"));
        assertThat(store.claim("user:ann", key, "h1", NOW.plus(Duration.ofHours(23)), LEASE, DAY))
                .isEqualTo(new Replay(answer("{\"id\":1}")));
        assertThat(store.claim("user:ann", key, "h2", NOW.plusSeconds(5), LEASE, DAY)).isEqualTo(new Mismatch());
        assertThat(store.claim("user:ann", key, "h2", NOW.plus(DAY), LEASE, DAY)).isEqualTo(new Claimed());
    }

    @Test
    void a_running_request_blocks_its_key_until_its_lease_ends() {
        IdempotentRequestStore store = store();
        String key = key();
        assertThat(store.claim("key:k1", key, "h1", NOW, LEASE, DAY)).isEqualTo(new Claimed());
        assertThat(store.claim("key:k1", key, "h1", NOW.plusSeconds(1), LEASE, DAY)).isEqualTo(new InProgress());
        assertThat(store.claim("key:k1", key, "h9", NOW.plusSeconds(1), LEASE, DAY)).isEqualTo(new Mismatch());
        assertThat(store.claim("key:k1", key, "h1", NOW.plus(LEASE), LEASE, DAY)).isEqualTo(new Claimed());
    }

    @Test
    void a_released_claim_frees_the_key_and_keys_are_per_caller() {
        IdempotentRequestStore store = store();
        String key = key();
        assertThat(store.claim("user:ann", key, "h1", NOW, LEASE, DAY)).isEqualTo(new Claimed());
        assertThat(store.claim("user:bob", key, "h2", NOW, LEASE, DAY)).isEqualTo(new Claimed());
        store.release("user:ann", key);
        assertThat(store.claim("user:ann", key, "h3", NOW.plusSeconds(1), LEASE, DAY)).isEqualTo(new Claimed());
        assertThat(store.claim("user:bob", key, "h2", NOW.plusSeconds(1), LEASE, DAY)).isEqualTo(new InProgress());
    }

    @Test
    void release_does_not_drop_a_completed_answer() {
        IdempotentRequestStore store = store();
        String key = key();
        store.claim("user:ann", key, "h1", NOW, LEASE, DAY);
        store.complete("user:ann", key, new StoredAnswer(200, "", new byte[0]));
        store.release("user:ann", key);
        assertThat(store.claim("user:ann", key, "h1", NOW.plusSeconds(1), LEASE, DAY))
                .isEqualTo(new Replay(new StoredAnswer(200, "", new byte[0])));
    }
}
