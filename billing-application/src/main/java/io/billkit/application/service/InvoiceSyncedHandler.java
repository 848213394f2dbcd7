package io.billkit.application.service;

import io.billkit.application.port.in.ProviderEvent.InvoiceSynced;
import io.billkit.application.port.in.provider.ProviderEventResult;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.Invoice;

import java.time.Instant;
import java.util.Optional;

/** {@link InvoiceSynced} (created, finalized at the provider): moves the invoice's event cursor only. */
final class InvoiceSyncedHandler implements ProviderEventHandler<InvoiceSynced> {
    private final ProviderObjects objects;

    InvoiceSyncedHandler(ProviderObjects objects) {
        this.objects = objects;
    }

    @Override
    public Outcome apply(InvoiceSynced event, Instant now) {
        Optional<Invoice> found = objects.invoice(event.invoice());
        if (found.isEmpty()) {
            return Outcome.of(ProviderEventResult.IGNORED, Optional.empty(), "unknown invoice");
        }
        Optional<CustomerId> customer = Optional.of(found.get().customerId());
        if (!objects.advanceInvoice(event.invoice(), event)) {
            return Outcome.of(ProviderEventResult.STALE, customer, "a newer event was applied to the invoice");
        }
        return Outcome.of(ProviderEventResult.APPLIED, customer, "synced").with("invoice", found.get().id().value());
    }
}
