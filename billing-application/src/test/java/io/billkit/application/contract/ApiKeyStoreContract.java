package io.billkit.application.contract;

import io.billkit.application.port.out.ApiKeyStore;
import io.billkit.application.port.out.ApiKeyStore.ApiKey;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link ApiKeyStore} must do. */
public abstract class ApiKeyStoreContract {

    protected abstract ApiKeyStore store();

    private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");
    private static final String HASH_A = "a".repeat(64);
    private static final String HASH_B = "b".repeat(64);

    @Test
    void a_customer_key_is_found_by_its_hash_with_its_customer() {
        ApiKey key = new ApiKey("key_live_1", Optional.of(CustomerId.of("cus_apex")), "ingest", HASH_A, CREATED, false);
        store().save(key);
        assertThat(store().findByHash(HASH_A)).contains(key);
        assertThat(store().findByHash("c".repeat(64))).isEmpty();
    }

    @Test
    void a_service_key_has_no_customer() {
        ApiKey key = new ApiKey("key_service", Optional.empty(), "billing worker", HASH_B, CREATED, false);
        store().save(key);
        assertThat(store().findByHash(HASH_B)).hasValueSatisfying(found -> {
            assertThat(found.customer()).isEmpty();
            assertThat(found.id()).isEqualTo("key_service");
        });
    }

    @Test
    void saving_a_key_again_replaces_it_so_a_revoked_key_stays_findable_as_revoked() {
        ApiKey key = new ApiKey("key_live_2", Optional.of(CustomerId.of("cus_apex")), "ingest", HASH_A, CREATED, false);
        store().save(key);
        store().save(new ApiKey("key_live_2", Optional.of(CustomerId.of("cus_apex")), "ingest (old)", HASH_A, CREATED, true));
        assertThat(store().findByHash(HASH_A)).hasValueSatisfying(found -> {
            assertThat(found.revoked()).isTrue();
            assertThat(found.name()).isEqualTo("ingest (old)");
        });
    }

    @Test
    void a_rotated_key_is_found_only_by_its_new_hash() {
        store().save(new ApiKey("key_live_3", Optional.of(CustomerId.of("cus_apex")), "ingest", HASH_A, CREATED, false));
        store().save(new ApiKey("key_live_3", Optional.of(CustomerId.of("cus_apex")), "ingest", HASH_B, CREATED, false));
        assertThat(store().findByHash(HASH_A)).isEmpty();
        assertThat(store().findByHash(HASH_B)).map(ApiKey::id).contains("key_live_3");
    }
}
