package io.billkit.application.port.out;

import io.billkit.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** Reservations of admitted AI requests (see {@link AiReservation}). */
public interface AiReservationStore {
    /** Stores a new reservation (its id is new). */
    void add(AiReservation reservation);

    /** The customer's reservation with this id. */
    Optional<AiReservation> find(CustomerId customer, String id);

    /**
     * The tokens of the customer's reservations created in {@code [from, to)} that are open at {@code at}
     * (not settled, {@code expiresAt > at}); zero when none.
     */
    BigDecimal openTokens(CustomerId customer, Instant from, Instant to, Instant at);

    /** Marks the reservation settled with the real token count (it must be open or expired, not settled). */
    void settle(CustomerId customer, String id, BigDecimal actualTokens, Instant at);
}
