package io.billkit.application.inmemory;

import io.billkit.application.port.out.AiReservation;
import io.billkit.application.port.out.AiReservationStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link AiReservationStore} in memory; writes roll back with their transaction. */
public final class InMemoryAiReservationStore implements AiReservationStore {
    private final InMemoryTransactions tx;
    private final Map<String, AiReservation> byId = new LinkedHashMap<>();

    public InMemoryAiReservationStore(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void add(AiReservation reservation) {
        Objects.requireNonNull(reservation, "reservation");
        tx.inTransaction(() -> {
            if (byId.containsKey(reservation.id())) {
                throw new BillingException(ErrorCode.CONFLICT, "AI reservation " + reservation.id() + " exists");
            }
            return tx.put(byId, reservation.id(), reservation);
        });
    }

    @Override
    public Optional<AiReservation> find(CustomerId customer, String id) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(id, "id");
        return tx.read(() -> Optional.ofNullable(byId.get(id)).filter(r -> r.customer().equals(customer)));
    }

    @Override
    public BigDecimal openTokens(CustomerId customer, Instant from, Instant to, Instant at) {
        return tx.read(() -> byId.values().stream()
                .filter(r -> r.customer().equals(customer) && !r.createdAt().isBefore(from) && r.createdAt().isBefore(to)
                        && r.isOpenAt(at))
                .map(AiReservation::tokens)
                .reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    @Override
    public void settle(CustomerId customer, String id, BigDecimal actualTokens, Instant at) {
        tx.inTransaction(() -> {
            AiReservation current = find(customer, id).filter(r -> !r.isSettled()).orElseThrow(() ->
                    new BillingException(ErrorCode.NOT_FOUND, "no open AI reservation " + id));
            return tx.put(byId, id, current.settled(actualTokens, at));
        });
    }
}
