package io.billkit.adapter.postgres;

import io.billkit.application.port.out.ApiKeyStore;
import io.billkit.domain.customer.CustomerId;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ApiKeyStore} on {@code api_keys} (hashes only). Lookups by hash run in the system scope: they
 * authenticate a caller before any customer is known.
 */
final class PostgresApiKeyStore implements ApiKeyStore {
    private final JdbiTransactions tx;

    PostgresApiKeyStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    /** An {@code api_keys} row. */
    record ApiKeyRow(String id, String customerId, String name, String keyHash, Instant createdAt, boolean revoked) {
        static ApiKeyRow of(ApiKey key) {
            return new ApiKeyRow(key.id(), key.customer().map(CustomerId::value).orElse(null), key.name(),
                    key.keyHash(), key.createdAt(), key.revoked());
        }

        static ApiKeyRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new ApiKeyRow(rs.getString("id"), rs.getString("customer_id"), rs.getString("name"),
                    rs.getString("key_hash"), SqlValues.instant(rs, "created_at"), rs.getBoolean("revoked"));
        }

        ApiKey toDomain() {
            return new ApiKey(id, Optional.ofNullable(customerId).map(CustomerId::of), name, keyHash, createdAt, revoked);
        }
    }

    @Override
    public void save(ApiKey key) {
        ApiKeyRow row = ApiKeyRow.of(Objects.requireNonNull(key, "key"));
        RowScope scope = key.customer().map(RowScope::customer).orElse(RowScope.system());
        tx.useHandle(scope, h -> h.createUpdate("""
                        INSERT INTO api_keys (id, customer_id, name, key_hash, created_at, revoked, revoked_at)
                        VALUES (:id, :customerId, :name, :keyHash, :createdAt, :revoked,
                                CASE WHEN :revoked THEN now() END)
                        ON CONFLICT (id) DO UPDATE SET customer_id = EXCLUDED.customer_id, name = EXCLUDED.name,
                            key_hash = EXCLUDED.key_hash, created_at = EXCLUDED.created_at, revoked = EXCLUDED.revoked,
                            revoked_at = CASE WHEN EXCLUDED.revoked THEN coalesce(api_keys.revoked_at, now()) END""")
                .bind("id", row.id())
                .bind("customerId", row.customerId())
                .bind("name", row.name())
                .bind("keyHash", row.keyHash())
                .bind("createdAt", SqlValues.timestamp(row.createdAt()))
                .bind("revoked", row.revoked())
                .execute());
    }

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
        Objects.requireNonNull(keyHash, "keyHash");
        return tx.withHandle(RowScope.system(), h -> h.createQuery("""
                        SELECT id, customer_id, name, key_hash, created_at, revoked FROM api_keys
                        WHERE key_hash = :keyHash""")
                .bind("keyHash", keyHash)
                .map(ApiKeyRow::map)
                .findOne()
                .map(ApiKeyRow::toDomain));
    }
}
