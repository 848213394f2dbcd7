package io.billkit.application.port.in.invoice;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.invoice.InvoiceId;
import java.util.Objects;

/**
 * Void an open invoice (admin).
 */
public record VoidInvoiceCommand(InvoiceId id, String reason, Actor actor) {
    public VoidInvoiceCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(actor, "actor");
    }
}
