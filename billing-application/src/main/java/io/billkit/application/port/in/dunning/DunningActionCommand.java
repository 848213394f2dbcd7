package io.billkit.application.port.in.dunning;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.invoice.InvoiceId;

import java.util.Objects;

/** An admin's action on the dunning case of {@code invoice}. */
public record DunningActionCommand(InvoiceId invoice, Actor actor) {
    public DunningActionCommand {
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(actor, "actor");
    }
}
