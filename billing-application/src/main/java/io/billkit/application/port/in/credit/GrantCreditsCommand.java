package io.billkit.application.port.in.credit;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.BillingException;
import io.billkit.domain.credit.CreditSource;
import io.billkit.domain.customer.CustomerId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Grant credits (admin or system). PURCHASED never expire; SUBSCRIPTION and PROMOTIONAL need
 * {@code expiresAt}.
 *
 * @param idempotencyKey the client's key for this grant (1..200 characters, not blank): the same key for the same
 *                       customer grants once; a repeat with the same body is replayed, with another body refused
 */
public record GrantCreditsCommand(CustomerId customer, String idempotencyKey, CreditSource source, BigDecimal amount,
                                  Optional<Instant> expiresAt, String reason, Actor actor) {
    /** Longest accepted idempotency key. */
    public static final int MAX_KEY_LENGTH = 200;

    public GrantCreditsCommand {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        BillingException.require(!idempotencyKey.isBlank() && idempotencyKey.length() <= MAX_KEY_LENGTH,
                "idempotencyKey must be 1.." + MAX_KEY_LENGTH + " characters and not blank");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(actor, "actor");
    }
}
