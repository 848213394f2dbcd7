package io.billkit.adapter.postgres;

import io.billkit.application.port.out.AiReservation;
import io.billkit.application.port.out.AiReservationStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** {@link AiReservationStore} on {@code ai_reservations}; open reservations are summed in one indexed query. */
final class PostgresAiReservationStore implements AiReservationStore {
    private final JdbiTransactions tx;

    PostgresAiReservationStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void add(AiReservation r) {
        Objects.requireNonNull(r, "reservation");
        tx.useHandle(RowScope.customer(r.customer()), h -> h.createUpdate("""
                        INSERT INTO ai_reservations (id, customer_id, model, tokens, created_at, expires_at)
                        VALUES (:id, :customer, :model, :tokens, :createdAt, :expiresAt)""")
                .bind("id", r.id())
                .bind("customer", r.customer().value())
                .bind("model", r.model())
                .bind("tokens", r.tokens())
                .bind("createdAt", SqlValues.timestamp(r.createdAt()))
                .bind("expiresAt", SqlValues.timestamp(r.expiresAt()))
                .execute());
    }

    @Override
    public Optional<AiReservation> find(CustomerId customer, String id) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(id, "id");
        return tx.withHandle(RowScope.customer(customer), h -> h.createQuery("""
                        SELECT id, customer_id, model, tokens, created_at, expires_at, settled_at, actual_tokens
                        FROM ai_reservations WHERE customer_id = :customer AND id = :id""")
                .bind("customer", customer.value())
                .bind("id", id)
                .map((rs, ctx) -> new AiReservation(rs.getString("id"), CustomerId.of(rs.getString("customer_id")),
                        rs.getString("model"), rs.getBigDecimal("tokens").stripTrailingZeros(),
                        SqlValues.instant(rs, "created_at"), SqlValues.instant(rs, "expires_at"),
                        SqlValues.optionalInstant(rs, "settled_at"),
                        Optional.ofNullable(rs.getBigDecimal("actual_tokens")).map(BigDecimal::stripTrailingZeros)))
                .findOne());
    }

    @Override
    public BigDecimal openTokens(CustomerId customer, Instant from, Instant to, Instant at) {
        Objects.requireNonNull(customer, "customer");
        return tx.withHandle(RowScope.customer(customer), h -> h.createQuery("""
                        SELECT coalesce(sum(tokens), 0) FROM ai_reservations
                        WHERE customer_id = :customer AND settled_at IS NULL
                          AND created_at >= :from AND created_at < :to AND expires_at > :at""")
                .bind("customer", customer.value())
                .bind("from", SqlValues.timestamp(from))
                .bind("to", SqlValues.timestamp(to))
                .bind("at", SqlValues.timestamp(at))
                .mapTo(BigDecimal.class)
                .one());
    }

    @Override
    public void settle(CustomerId customer, String id, BigDecimal actualTokens, Instant at) {
        Objects.requireNonNull(customer, "customer");
        int updated = tx.withHandle(RowScope.customer(customer), h -> h.createUpdate("""
                        UPDATE ai_reservations SET settled_at = :at, actual_tokens = :actual
                        WHERE customer_id = :customer AND id = :id AND settled_at IS NULL""")
                .bind("customer", customer.value())
                .bind("id", id)
                .bind("actual", actualTokens)
                .bind("at", SqlValues.timestamp(at))
                .execute());
        if (updated != 1) {
            throw new BillingException(ErrorCode.NOT_FOUND, "no open AI reservation " + id);
        }
    }
}
