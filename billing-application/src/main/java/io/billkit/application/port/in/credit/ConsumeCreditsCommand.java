package io.billkit.application.port.in.credit;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.customer.CustomerId;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Spend credits for {@code quantity} occurrences of a credit event (e.g. 3 x {@code api_call_premium}).
 * The same {@code requestId} debits once.
 */
public record ConsumeCreditsCommand(CustomerId customer, String creditEvent, BigDecimal quantity, String requestId, Actor actor) {
    public ConsumeCreditsCommand {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(creditEvent, "creditEvent");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(actor, "actor");
    }
}
