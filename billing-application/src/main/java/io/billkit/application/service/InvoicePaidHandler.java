package io.billkit.application.service;

import io.billkit.application.port.in.ProviderEvent.InvoicePaid;
import io.billkit.application.port.in.provider.ProviderEventResult;
import io.billkit.application.port.out.Outbox;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.Invoice;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link InvoicePaid}: the linked local invoice becomes PAID, its dunning case (if any) RECOVERED, its PAST_DUE or
 * UNPAID subscription ACTIVE again ({@link DunningCases#paid}).
 */
final class InvoicePaidHandler implements ProviderEventHandler<InvoicePaid> {
    private final ProviderObjects objects;
    private final Outbox outbox;
    private final DunningCases dunning;

    InvoicePaidHandler(ProviderObjects objects, Outbox outbox, DunningCases dunning) {
        this.objects = objects;
        this.outbox = outbox;
        this.dunning = dunning;
    }

    @Override
    public Outcome apply(InvoicePaid event, Instant now) {
        Optional<Invoice> found = objects.invoice(event.invoice());
        if (found.isEmpty()) {
            return Outcome.of(ProviderEventResult.IGNORED, Optional.empty(), "unknown invoice");
        }
        Invoice invoice = found.get();
        Optional<CustomerId> customer = Optional.of(invoice.customerId());
        if (!objects.advanceInvoice(event.invoice(), event)) {
            return Outcome.of(ProviderEventResult.STALE, customer, "a newer event was applied to the invoice");
        }
        if (!invoice.status().canTransitionTo(io.billkit.domain.invoice.InvoiceStatus.PAID)) {
            return Outcome.of(ProviderEventResult.IGNORED, customer, "invoice is " + invoice.status());
        }
        Instant paidAt = invoice.finalizedAt().filter(now::isBefore).orElse(now);
        objects.invoices.update(invoice.markPaid(paidAt));
        Map<String, String> details = new HashMap<>();
        details.put("invoice", invoice.id().value());
        dunning.paid(invoice, now, HandleProviderEventService.PROVIDER)
                .ifPresent(status -> details.put("subscriptionStatus", status.name()));
        OutboxEvents.append(outbox, "invoice.paid", invoice.id().value(), invoice.customerId(), details, now);
        return Outcome.applied(invoice.customerId(), details);
    }
}
