package io.billkit.adapter.postgres;

import io.billkit.application.port.out.WebhookDelivery;
import io.billkit.application.port.out.WebhookDeliveryAttempt;
import io.billkit.application.port.out.WebhookDeliveryStatus;
import io.billkit.application.port.out.WebhookDeliveryStore;
import io.billkit.application.port.out.WebhookDeliveryTally;
import io.billkit.domain.BillingException;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link WebhookDeliveryStore} on {@code webhook_deliveries}: unique per (endpoint, event) with
 * {@code ON CONFLICT DO NOTHING} (a duplicate never aborts the transaction); due deliveries are claimed with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} and leased by moving {@code next_attempt_at}. System scope: the
 * relay works across customers.
 */
final class PostgresWebhookDeliveryStore implements WebhookDeliveryStore {
    private static final String COLUMNS = "id, endpoint_id, event_id, event_type, customer_id, body, status, attempts,"
            + " next_attempt_at, last_status_code, last_error, delivered_at, created_at";

    private final JdbiTransactions tx;

    PostgresWebhookDeliveryStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    static WebhookDelivery map(ResultSet rs, StatementContext ctx) throws SQLException {
        int code = rs.getInt("last_status_code");
        Optional<Integer> lastStatus = rs.wasNull() ? Optional.empty() : Optional.of(code);
        return new WebhookDelivery(rs.getString("id"), rs.getString("endpoint_id"), rs.getString("event_id"),
                rs.getString("event_type"), rs.getString("customer_id"), rs.getString("body"),
                WebhookDeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                SqlValues.optionalInstant(rs, "next_attempt_at"), lastStatus,
                Optional.ofNullable(rs.getString("last_error")), SqlValues.optionalInstant(rs, "delivered_at"),
                SqlValues.instant(rs, "created_at"));
    }

    @Override
    public boolean enqueue(WebhookDelivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        return tx.withHandle(RowScope.system(), h -> h.createUpdate("""
                        INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, customer_id, body, status,
                            attempts, next_attempt_at, last_status_code, last_error, delivered_at, created_at)
                        VALUES (:id, :endpoint, :event, :type, :customer, :body, :status, :attempts, :next, :code,
                            :error, :deliveredAt, :createdAt)
                        ON CONFLICT DO NOTHING""")
                .bind("id", delivery.id())
                .bind("endpoint", delivery.endpointId())
                .bind("event", delivery.eventId())
                .bind("type", delivery.eventType())
                .bind("customer", delivery.customerId())
                .bind("body", delivery.body())
                .bind("status", delivery.status().name())
                .bind("attempts", delivery.attempts())
                .bind("next", SqlValues.timestamp(delivery.nextAttemptAt().orElse(null)))
                .bind("code", delivery.lastStatusCode().orElse(null))
                .bind("error", delivery.lastError().orElse(null))
                .bind("deliveredAt", SqlValues.timestamp(delivery.deliveredAt().orElse(null)))
                .bind("createdAt", SqlValues.timestamp(delivery.createdAt()))
                .execute()) == 1;
    }

    @Override
    public List<WebhookDelivery> claimDue(Instant now, Instant leaseUntil, int limit) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        BillingException.require(limit >= 1, "limit must be at least 1 but was " + limit);
        return tx.withHandle(RowScope.system(), h -> {
            List<WebhookDelivery> due = h.createQuery("SELECT " + COLUMNS + " FROM webhook_deliveries"
                            + " WHERE status = 'PENDING' AND next_attempt_at <= :now"
                            + " ORDER BY next_attempt_at, created_at, id LIMIT :limit FOR UPDATE SKIP LOCKED")
                    .bind("now", SqlValues.timestamp(now))
                    .bind("limit", limit)
                    .map(PostgresWebhookDeliveryStore::map)
                    .list();
            if (!due.isEmpty()) {
                h.createUpdate("UPDATE webhook_deliveries SET next_attempt_at = :lease WHERE id = ANY (CAST(:ids AS text[]))")
                        .bind("lease", SqlValues.timestamp(leaseUntil))
                        .bindArray("ids", String.class, due.stream().map(WebhookDelivery::id).toList())
                        .execute();
            }
            return due;
        });
    }

    @Override
    public List<String> dueEndpoints(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        BillingException.require(limit >= 1, "limit must be at least 1 but was " + limit);
        return tx.withHandle(RowScope.system(), h -> h.createQuery("""
                        SELECT endpoint_id FROM (
                            SELECT DISTINCT ON (endpoint_id) endpoint_id, next_attempt_at FROM webhook_deliveries
                            WHERE status = 'PENDING' ORDER BY endpoint_id, seq) heads
                        WHERE next_attempt_at <= :now ORDER BY next_attempt_at, endpoint_id LIMIT :limit""")
                .bind("now", SqlValues.timestamp(now))
                .bind("limit", limit)
                .mapTo(String.class)
                .list());
    }

    @Override
    public Optional<WebhookDelivery> claimNext(String endpointId, Instant now, Instant leaseUntil) {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        return tx.withHandle(RowScope.system(), h -> {
            // one claimer per endpoint at a time (another replica claiming for it now: skip, it has the lane)
            boolean locked = h.createQuery("SELECT id FROM webhook_endpoints WHERE id = :id FOR UPDATE SKIP LOCKED")
                    .bind("id", endpointId).mapTo(String.class).findOne().isPresent();
            if (!locked) {
                return Optional.<WebhookDelivery>empty();
            }
            Optional<WebhookDelivery> head = h.createQuery("SELECT " + COLUMNS + " FROM webhook_deliveries"
                            + " WHERE endpoint_id = :endpoint AND status = 'PENDING' ORDER BY seq LIMIT 1")
                    .bind("endpoint", endpointId)
                    .map(PostgresWebhookDeliveryStore::map)
                    .findOne()
                    .filter(d -> !d.nextAttemptAt().orElseThrow().isAfter(now));
            head.ifPresent(d -> h.createUpdate("UPDATE webhook_deliveries SET next_attempt_at = :lease WHERE id = :id")
                    .bind("lease", SqlValues.timestamp(leaseUntil))
                    .bind("id", d.id())
                    .execute());
            return head;
        });
    }

    @Override
    public int pruneAttempts(Instant before) {
        Objects.requireNonNull(before, "before");
        return tx.withHandle(RowScope.system(), h -> h.createUpdate(
                        "DELETE FROM webhook_delivery_attempts WHERE attempted_at < :before")
                .bind("before", SqlValues.timestamp(before))
                .execute());
    }

    @Override
    public void recordAttempt(WebhookDelivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        int updated = tx.withHandle(RowScope.system(), h -> h.createUpdate("""
                        UPDATE webhook_deliveries SET status = :status, attempts = :attempts, next_attempt_at = :next,
                            last_status_code = :code, last_error = :error, delivered_at = :deliveredAt
                        WHERE id = :id""")
                .bind("id", delivery.id())
                .bind("status", delivery.status().name())
                .bind("attempts", delivery.attempts())
                .bind("next", SqlValues.timestamp(delivery.nextAttemptAt().orElse(null)))
                .bind("code", delivery.lastStatusCode().orElse(null))
                .bind("error", delivery.lastError().orElse(null))
                .bind("deliveredAt", SqlValues.timestamp(delivery.deliveredAt().orElse(null)))
                .execute());
        if (updated == 0) {
            throw new BillingException(io.billkit.domain.ErrorCode.NOT_FOUND,
                    "webhook delivery " + delivery.id() + " not found");
        }
    }

    @Override
    public Optional<WebhookDelivery> find(String id) {
        Objects.requireNonNull(id, "id");
        return tx.withHandle(RowScope.system(), h -> h.createQuery(
                        "SELECT " + COLUMNS + " FROM webhook_deliveries WHERE id = :id")
                .bind("id", id)
                .map(PostgresWebhookDeliveryStore::map)
                .findOne());
    }

    @Override
    public List<WebhookDelivery> forEvent(String eventId) {
        Objects.requireNonNull(eventId, "eventId");
        return tx.withHandle(RowScope.system(), h -> h.createQuery("SELECT " + COLUMNS + " FROM webhook_deliveries"
                        + " WHERE event_id = :event ORDER BY created_at, id")
                .bind("event", eventId)
                .map(PostgresWebhookDeliveryStore::map)
                .list());
    }

    @Override
    public Map<String, WebhookDeliveryTally> tally(Collection<String> endpointIds) {
        Objects.requireNonNull(endpointIds, "endpointIds");
        Map<String, WebhookDeliveryTally> tallies = new LinkedHashMap<>();
        endpointIds.forEach(id -> tallies.put(id, WebhookDeliveryTally.NONE));
        if (endpointIds.isEmpty()) {
            return tallies;
        }
        tx.withHandle(RowScope.system(), h -> h.createQuery("""
                        SELECT endpoint_id,
                               count(*) FILTER (WHERE status = 'PENDING')   AS pending,
                               count(*) FILTER (WHERE status = 'DELIVERED') AS delivered,
                               count(*) FILTER (WHERE status = 'DEAD')      AS dead,
                               max(delivered_at)                            AS last_delivered,
                               (array_agg(last_error ORDER BY created_at DESC, id DESC)
                                    FILTER (WHERE status <> 'DELIVERED' AND last_error IS NOT NULL))[1] AS last_error
                        FROM webhook_deliveries WHERE endpoint_id = ANY(CAST(:ids AS text[]))
                        GROUP BY endpoint_id""")
                .bindArray("ids", String.class, List.copyOf(endpointIds))
                .map((rs, ctx) -> Map.entry(rs.getString("endpoint_id"), new WebhookDeliveryTally(
                        rs.getLong("pending"), rs.getLong("delivered"), rs.getLong("dead"),
                        SqlValues.optionalInstant(rs, "last_delivered"),
                        Optional.ofNullable(rs.getString("last_error")))))
                .list()).forEach(e -> tallies.put(e.getKey(), e.getValue()));
        return tallies;
    }

    @Override
    public void logAttempt(WebhookDeliveryAttempt attempt) {
        Objects.requireNonNull(attempt, "attempt");
        tx.useHandle(RowScope.system(), h -> h.createUpdate("""
                        INSERT INTO webhook_delivery_attempts (id, delivery_id, endpoint_id, event_id, event_type,
                            customer_id, attempt, attempted_at, latency_millis, outcome, status_code, error)
                        VALUES (:id, :delivery, :endpoint, :event, :type, :customer, :attempt, :at, :latency,
                            :outcome, :code, :error)""")
                .bind("id", attempt.id())
                .bind("delivery", attempt.deliveryId())
                .bind("endpoint", attempt.endpointId())
                .bind("event", attempt.eventId())
                .bind("type", attempt.eventType())
                .bind("customer", attempt.customerId())
                .bind("attempt", attempt.attempt())
                .bind("at", SqlValues.timestamp(attempt.attemptedAt()))
                .bind("latency", attempt.latencyMillis())
                .bind("outcome", attempt.outcome().name())
                .bind("code", attempt.statusCode().orElse(null))
                .bind("error", attempt.error().orElse(null))
                .execute());
    }

    @Override
    public List<WebhookDeliveryAttempt> attempts(String endpointId, int limit) {
        Objects.requireNonNull(endpointId, "endpointId");
        BillingException.require(limit >= 1, "limit must be at least 1 but was " + limit);
        return tx.withHandle(RowScope.system(), h -> h.createQuery("""
                        SELECT id, delivery_id, endpoint_id, event_id, event_type, customer_id, attempt, attempted_at,
                               latency_millis, outcome, status_code, error
                        FROM webhook_delivery_attempts WHERE endpoint_id = :endpoint
                        ORDER BY attempted_at DESC, id DESC LIMIT :limit""")
                .bind("endpoint", endpointId)
                .bind("limit", limit)
                .map((rs, ctx) -> {
                    int code = rs.getInt("status_code");
                    Optional<Integer> status = rs.wasNull() ? Optional.empty() : Optional.of(code);
                    return new WebhookDeliveryAttempt(rs.getString("id"), rs.getString("delivery_id"),
                            rs.getString("endpoint_id"), rs.getString("event_id"), rs.getString("event_type"),
                            rs.getString("customer_id"), rs.getInt("attempt"), SqlValues.instant(rs, "attempted_at"),
                            rs.getLong("latency_millis"), WebhookDeliveryStatus.valueOf(rs.getString("outcome")),
                            status, Optional.ofNullable(rs.getString("error")));
                })
                .list());
    }
}
