package io.billkit.adapter.postgres;

import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.OutboxEvent;
import io.billkit.domain.BillingException;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@link Outbox} on the {@code events} table; unpublished events are read in (created_at, seq) order. */
final class PostgresOutbox implements Outbox {
    private final JdbiTransactions tx;

    PostgresOutbox(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    /** An {@code events} row. */
    record EventRow(String id, String type, String aggregate, String customerId, Map<String, String> payload,
                    Instant createdAt) {
        static EventRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new EventRow(rs.getString("id"), rs.getString("type"), rs.getString("aggregate"),
                    rs.getString("customer_id"), SqlValues.stringMap(rs, "payload"), SqlValues.instant(rs, "created_at"));
        }

        OutboxEvent toDomain() {
            return new OutboxEvent(id, type, aggregate, customerId, payload, createdAt);
        }
    }

    @Override
    public void append(OutboxEvent event) {
        Objects.requireNonNull(event, "event");
        tx.useHandle(RowScope.customer(event.customerId()), h -> h.createUpdate("""
                        INSERT INTO events (id, type, aggregate, customer_id, payload, created_at)
                        VALUES (:id, :type, :aggregate, :customer, CAST(:payload AS jsonb), :createdAt)""")
                .bind("id", event.id())
                .bind("type", event.type())
                .bind("aggregate", event.aggregate())
                .bind("customer", event.customerId())
                .bind("payload", SqlValues.json(event.payload()))
                .bind("createdAt", SqlValues.timestamp(event.createdAt()))
                .execute());
    }

    @Override
    public List<OutboxEvent> unpublished(int limit) {
        BillingException.require(limit >= 1, "limit must be at least 1 but was " + limit);
        return tx.withHandle(RowScope.system(), h -> h.createQuery("""
                        SELECT id, type, aggregate, customer_id, payload, created_at FROM events
                        WHERE published_at IS NULL ORDER BY created_at, seq LIMIT :limit""")
                .bind("limit", limit)
                .map(EventRow::map)
                .list()).stream().map(EventRow::toDomain).toList();
    }

    @Override
    public void markPublished(String eventId, Instant at) {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(at, "at");
        tx.useHandle(RowScope.system(), h -> h.createUpdate(
                        "UPDATE events SET published_at = :at WHERE id = :id AND published_at IS NULL")
                .bind("id", eventId)
                .bind("at", SqlValues.timestamp(at))
                .execute());
    }
}
