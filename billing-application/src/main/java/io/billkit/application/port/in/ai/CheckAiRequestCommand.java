package io.billkit.application.port.in.ai;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.BillingException;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.forecast.ModelPolicy;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * May the customer send an AI request to {@code model} that is estimated to use {@code estimatedTokens} tokens
 * (>= 0, at most {@value #MAX_TOKENS})?
 */
public record CheckAiRequestCommand(CustomerId customer, String model, BigDecimal estimatedTokens, Actor actor) {
    public static final long MAX_TOKENS = 1_000_000_000_000L;

    public CheckAiRequestCommand {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(estimatedTokens, "estimatedTokens");
        Objects.requireNonNull(actor, "actor");
        BillingException.require(!model.isBlank() && model.length() <= ModelPolicy.MAX_NAME_LENGTH,
                "model must be 1.." + ModelPolicy.MAX_NAME_LENGTH + " non-blank characters");
        BillingException.require(estimatedTokens.signum() >= 0 && estimatedTokens.compareTo(BigDecimal.valueOf(MAX_TOKENS)) <= 0,
                "estimatedTokens must be 0.." + MAX_TOKENS + " but was " + estimatedTokens.toPlainString());
    }
}
