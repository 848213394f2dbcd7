package io.billkit.application.port.in.credit;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.credit.CreditSource;
import io.billkit.domain.customer.CustomerId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Grant credits (admin or system). PURCHASED never expire; SUBSCRIPTION and PROMOTIONAL need
 * {@code expiresAt}.
 */
public record GrantCreditsCommand(CustomerId customer, CreditSource source, BigDecimal amount, Optional<Instant> expiresAt, String reason, Actor actor) {
    public GrantCreditsCommand {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(actor, "actor");
    }
}
