package io.billkit.application.port.out;

import io.billkit.domain.customer.CustomerId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * API keys for service-to-service calls (usage ingestion, quota). Only a SHA-256 hash of the key is
 * stored; the clear key is shown once when created.
 */
public interface ApiKeyStore {
    void save(ApiKey key);

    /** The key whose hash is {@code keyHash} (lowercase hex SHA-256), revoked or not. */
    Optional<ApiKey> findByHash(String keyHash);

    /**
     * @param id        public id of the key (e.g. {@code key_...}), used as the audit actor
     * @param customer  the only customer this key may act for; empty = a service key for every customer
     * @param name      a label for humans
     * @param keyHash   lowercase hex SHA-256 of the clear key
     * @param createdAt when it was created
     * @param revoked   a revoked key authenticates nothing
     */
    record ApiKey(String id, Optional<CustomerId> customer, String name, String keyHash, Instant createdAt,
                  boolean revoked) {
        public ApiKey {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(keyHash, "keyHash");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }
}
