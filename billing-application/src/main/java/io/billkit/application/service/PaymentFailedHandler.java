package io.billkit.application.service;

import io.billkit.application.port.in.ProviderEvent.PaymentFailed;
import io.billkit.application.port.in.provider.ProviderEventResult;
import io.billkit.application.port.out.InvoicePaymentFailures;
import io.billkit.application.port.out.Outbox;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.subscription.SubscriptionStatus;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link PaymentFailed}: counts the failed payment as state ({@link InvoicePaymentFailures}: the provider's attempt
 * count when it gives one, else one more than before), and an ACTIVE subscription becomes PAST_DUE. For an invoice
 * already PAID or VOID it is STALE (a late delivery never rolls back). The first failure of an invoice starts its
 * dunning case ({@link DunningCases#startIfNew}); failures of BillKit's own retries only count.
 */
final class PaymentFailedHandler implements ProviderEventHandler<PaymentFailed> {
    private final ProviderObjects objects;
    private final InvoicePaymentFailures failures;
    private final Outbox outbox;
    private final DunningCases dunning;

    PaymentFailedHandler(ProviderObjects objects, InvoicePaymentFailures failures, Outbox outbox, DunningCases dunning) {
        this.objects = objects;
        this.failures = failures;
        this.outbox = outbox;
        this.dunning = dunning;
    }

    @Override
    public Outcome apply(PaymentFailed event, Instant now) {
        Optional<Invoice> found = objects.invoice(event.invoice());
        if (found.isEmpty()) {
            return Outcome.of(ProviderEventResult.IGNORED, Optional.empty(), "unknown invoice");
        }
        Invoice invoice = found.get();
        Optional<CustomerId> customer = Optional.of(invoice.customerId());
        if (invoice.status() == InvoiceStatus.PAID || invoice.status() == InvoiceStatus.VOID) {
            return Outcome.of(ProviderEventResult.STALE, customer, "invoice is already " + invoice.status());
        }
        if (!objects.advanceInvoice(event.invoice(), event)) {
            return Outcome.of(ProviderEventResult.STALE, customer, "a newer event was applied to the invoice");
        }
        int failedPayments = failures.recordFailure(invoice.id(), event.attemptCount());
        Map<String, String> details = new HashMap<>();
        details.put("invoice", invoice.id().value());
        details.put("failedPayments", Integer.toString(failedPayments));
        objects.subscriptions.find(invoice.subscriptionId())
                .filter(s -> s.status() == SubscriptionStatus.ACTIVE)
                .ifPresent(s -> {
                    objects.subscriptions.save(s.markPastDue());
                    details.put("subscriptionStatus", SubscriptionStatus.PAST_DUE.name());
                });
        OutboxEvents.append(outbox, "invoice.payment_failed", invoice.id().value(), invoice.customerId(), details, now);
        dunning.startIfNew(invoice, now, HandleProviderEventService.PROVIDER).ifPresent(started ->
                details.put("dunningNextRetryAt", started.nextRetryAt().orElseThrow().toString()));
        return Outcome.applied(invoice.customerId(), details);
    }
}
