package io.billkit.application.port.out;

import io.billkit.domain.BillingException;
import io.billkit.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Tokens an admitted AI request holds against the customer's budgets until it is settled with the real count or
 * it expires. {@code tokens} is the estimate (>= 0); {@code settledAt}/{@code actualTokens} are set together
 * once settled. An open reservation counts in the customer-local day and month of {@code createdAt}.
 */
public record AiReservation(String id, CustomerId customer, String model, BigDecimal tokens, Instant createdAt,
                            Instant expiresAt, Optional<Instant> settledAt, Optional<BigDecimal> actualTokens) {
    public AiReservation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(settledAt, "settledAt");
        Objects.requireNonNull(actualTokens, "actualTokens");
        BillingException.require(tokens.signum() >= 0, "tokens must not be negative");
        BillingException.require(expiresAt.isAfter(createdAt), "expiresAt must be after createdAt");
        BillingException.require(settledAt.isPresent() == actualTokens.isPresent(),
                "settledAt and actualTokens are set together");
    }

    public static AiReservation open(String id, CustomerId customer, String model, BigDecimal tokens, Instant createdAt,
                                     Instant expiresAt) {
        return new AiReservation(id, customer, model, tokens, createdAt, expiresAt, Optional.empty(), Optional.empty());
    }

    public boolean isSettled() {
        return settledAt.isPresent();
    }

    /** Whether it still holds its tokens at {@code at}: not settled and not expired. */
    public boolean isOpenAt(Instant at) {
        return settledAt.isEmpty() && at.isBefore(expiresAt);
    }

    public AiReservation settled(BigDecimal actual, Instant at) {
        return new AiReservation(id, customer, model, tokens, createdAt, expiresAt, Optional.of(at), Optional.of(actual));
    }
}
