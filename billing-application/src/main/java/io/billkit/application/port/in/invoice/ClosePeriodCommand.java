package io.billkit.application.port.in.invoice;

import io.billkit.application.port.in.Actor;
import java.util.Objects;

/**
 * Close every subscription period that ended (after the grace) at or before now.
 */
public record ClosePeriodCommand(Actor actor) {
    public ClosePeriodCommand {
        Objects.requireNonNull(actor, "actor");
    }
}
