package io.billkit.application.port.in.ai;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.BillingException;
import io.billkit.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.util.Objects;

/** Settle a reservation with the tokens the request really used (>= 0; 0 releases it without usage). */
public record SettleAiRequestCommand(CustomerId customer, String reservationId, BigDecimal actualTokens, Actor actor) {
    public SettleAiRequestCommand {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(reservationId, "reservationId");
        Objects.requireNonNull(actualTokens, "actualTokens");
        Objects.requireNonNull(actor, "actor");
        BillingException.require(!reservationId.isBlank() && reservationId.length() <= 64,
                "reservationId must be 1..64 characters");
        BillingException.require(actualTokens.signum() >= 0
                        && actualTokens.compareTo(BigDecimal.valueOf(CheckAiRequestCommand.MAX_TOKENS)) <= 0,
                "actualTokens must be 0.." + CheckAiRequestCommand.MAX_TOKENS + " but was " + actualTokens.toPlainString());
    }
}
