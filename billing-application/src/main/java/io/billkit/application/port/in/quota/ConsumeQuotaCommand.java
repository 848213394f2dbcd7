package io.billkit.application.port.in.quota;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.customer.CustomerId;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Consume {@code quantity} units of {@code meter} if the allowance admits them, and record them as a
 * usage event with {@code eventId} (idempotent: the same event id consumes once).
 */
public record ConsumeQuotaCommand(CustomerId customer, String meter, BigDecimal quantity, String eventId, Actor actor) {
    public ConsumeQuotaCommand {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(actor, "actor");
    }
}
