package io.billkit.adapter.postgres;

import io.billkit.application.port.out.WebhookEndpoint;
import io.billkit.application.port.out.WebhookEndpointStore;
import io.billkit.domain.customer.CustomerId;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link WebhookEndpointStore} on {@code webhook_endpoints} (a NULL customer is a global endpoint; an empty
 * {@code event_types} array means every type). Reads run in the system scope: the relay matches events of
 * every customer, and global endpoints belong to no customer.
 */
final class PostgresWebhookEndpointStore implements WebhookEndpointStore {
    private static final String COLUMNS = "id, customer_id, url, secret, event_types, active, created_at";

    private final JdbiTransactions tx;

    PostgresWebhookEndpointStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    static WebhookEndpoint map(ResultSet rs, StatementContext ctx) throws SQLException {
        Array types = rs.getArray("event_types");
        List<String> eventTypes = types == null ? List.of() : Arrays.asList((String[]) types.getArray());
        return new WebhookEndpoint(rs.getString("id"), Optional.ofNullable(rs.getString("customer_id")).map(CustomerId::of),
                rs.getString("url"), rs.getString("secret"), eventTypes, rs.getBoolean("active"),
                SqlValues.instant(rs, "created_at"));
    }

    @Override
    public void save(WebhookEndpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        RowScope scope = endpoint.customer().map(RowScope::customer).orElse(RowScope.system());
        tx.useHandle(scope, h -> h.createUpdate("""
                        INSERT INTO webhook_endpoints (id, customer_id, url, secret, event_types, active, created_at)
                        VALUES (:id, :customer, :url, :secret, CAST(:types AS text[]), :active, :createdAt)
                        ON CONFLICT (id) DO UPDATE SET customer_id = EXCLUDED.customer_id, url = EXCLUDED.url,
                            secret = EXCLUDED.secret, event_types = EXCLUDED.event_types, active = EXCLUDED.active,
                            created_at = EXCLUDED.created_at""")
                .bind("id", endpoint.id())
                .bind("customer", endpoint.customer().map(CustomerId::value).orElse(null))
                .bind("url", endpoint.url())
                .bind("secret", endpoint.secret())
                .bindArray("types", String.class, endpoint.eventTypes())
                .bind("active", endpoint.active())
                .bind("createdAt", SqlValues.timestamp(endpoint.createdAt()))
                .execute());
    }

    @Override
    public Optional<WebhookEndpoint> find(String id) {
        Objects.requireNonNull(id, "id");
        return tx.withHandle(RowScope.system(), h -> h.createQuery(
                        "SELECT " + COLUMNS + " FROM webhook_endpoints WHERE id = :id")
                .bind("id", id)
                .map(PostgresWebhookEndpointStore::map)
                .findOne());
    }

    @Override
    public List<WebhookEndpoint> list(Optional<CustomerId> customer) {
        Objects.requireNonNull(customer, "customer");
        return tx.withHandle(RowScope.system(), h -> h.createQuery("SELECT " + COLUMNS + " FROM webhook_endpoints"
                        + " WHERE (CAST(:customer AS text) IS NULL OR customer_id = :customer)"
                        + " ORDER BY created_at, id")
                .bind("customer", customer.map(CustomerId::value).orElse(null))
                .map(PostgresWebhookEndpointStore::map)
                .list());
    }

    @Override
    public List<WebhookEndpoint> matching(String customerId, String eventType) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(eventType, "eventType");
        return tx.withHandle(RowScope.system(), h -> h.createQuery("SELECT " + COLUMNS + " FROM webhook_endpoints"
                        + " WHERE active AND (customer_id IS NULL OR customer_id = :customer)"
                        + " AND (cardinality(event_types) = 0 OR :type = ANY (event_types))"
                        + " ORDER BY created_at, id")
                .bind("customer", customerId)
                .bind("type", eventType)
                .map(PostgresWebhookEndpointStore::map)
                .list());
    }

    @Override
    public boolean recordDeadDelivery(String endpointId, int disableAfter) {
        Objects.requireNonNull(endpointId, "endpointId");
        io.billkit.domain.BillingException.require(disableAfter >= 1, "disableAfter must be >= 1 but was " + disableAfter);
        return tx.withHandle(RowScope.system(), h -> h.createQuery("""
                        WITH before AS (SELECT id, active FROM webhook_endpoints WHERE id = :id FOR UPDATE)
                        UPDATE webhook_endpoints e
                        SET consecutive_dead_deliveries = e.consecutive_dead_deliveries + 1,
                            active = e.active AND e.consecutive_dead_deliveries + 1 < :disableAfter
                        FROM before WHERE e.id = before.id
                        RETURNING before.active AND NOT e.active AS disabled""")
                .bind("id", endpointId)
                .bind("disableAfter", disableAfter)
                .mapTo(Boolean.class)
                .findOne()
                .orElse(false));
    }

    @Override
    public void recordDelivered(String endpointId) {
        Objects.requireNonNull(endpointId, "endpointId");
        tx.useHandle(RowScope.system(), h -> h.createUpdate(
                        "UPDATE webhook_endpoints SET consecutive_dead_deliveries = 0"
                                + " WHERE id = :id AND consecutive_dead_deliveries <> 0")
                .bind("id", endpointId)
                .execute());
    }

    @Override
    public boolean reactivate(String endpointId) {
        java.util.Objects.requireNonNull(endpointId, "endpointId");
        return tx.withHandle(RowScope.system(), h -> h.createUpdate(
                        "UPDATE webhook_endpoints SET active = true, consecutive_dead_deliveries = 0"
                                + " WHERE id = :id AND NOT active")
                .bind("id", endpointId)
                .execute()) == 1;
    }
}
