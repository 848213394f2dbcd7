package io.billkit.adapter.postgres;

import io.billkit.application.port.out.AuditEntry;
import io.billkit.application.port.out.AuditLog;
import io.billkit.domain.BillingException;
import io.billkit.domain.customer.CustomerId;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link AuditLog} on {@code billing_audit} (append-only: the application role cannot update or delete). */
final class PostgresAuditLog implements AuditLog {
    private final JdbiTransactions tx;

    PostgresAuditLog(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    /** A {@code billing_audit} row (without its id). */
    record AuditRow(java.time.Instant createdAt, String actor, String action, String customerId,
                    Map<String, String> data, String ip, String userAgent) {
        static AuditRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new AuditRow(SqlValues.instant(rs, "created_at"), rs.getString("actor"), rs.getString("action"),
                    rs.getString("customer_id"), SqlValues.stringMap(rs, "data"), rs.getString("ip"),
                    rs.getString("user_agent"));
        }

        AuditEntry toDomain() {
            return new AuditEntry(createdAt, actor, action, Optional.ofNullable(customerId).map(CustomerId::of), data,
                    ip, userAgent);
        }
    }

    @Override
    public void append(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        RowScope scope = entry.customer().map(RowScope::customer).orElse(RowScope.system());
        tx.useHandle(scope, h -> h.createUpdate("""
                        INSERT INTO billing_audit (created_at, actor, action, customer_id, data, ip, user_agent)
                        VALUES (:at, :actor, :action, :customer, CAST(:data AS jsonb), :ip, :userAgent)""")
                .bind("at", SqlValues.timestamp(entry.at()))
                .bind("actor", entry.actor())
                .bind("action", entry.action())
                .bind("customer", entry.customer().map(CustomerId::value).orElse(null))
                .bind("data", SqlValues.json(entry.data()))
                .bind("ip", entry.ip())
                .bind("userAgent", entry.userAgent())
                .execute());
    }

    @Override
    public List<AuditEntry> recent(Optional<CustomerId> customer, int limit) {
        Objects.requireNonNull(customer, "customer");
        BillingException.require(limit >= 1 && limit <= 1000, "limit must be in 1..1000 but was " + limit);
        String sql = "SELECT created_at, actor, action, customer_id, data, ip, user_agent FROM billing_audit"
                + (customer.isPresent() ? " WHERE customer_id = :customer" : "")
                + " ORDER BY created_at DESC, id DESC LIMIT :limit";
        RowScope scope = customer.map(RowScope::customer).orElse(RowScope.system());
        return tx.withHandle(scope, h -> h.createQuery(sql)
                .bind("customer", customer.map(CustomerId::value).orElse(null))
                .bind("limit", limit)
                .map(AuditRow::map)
                .list()).stream().map(AuditRow::toDomain).toList();
    }
}
