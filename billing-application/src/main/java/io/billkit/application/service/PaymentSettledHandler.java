package io.billkit.application.service;

import io.billkit.application.port.in.ProviderEvent.PaymentOutcome;
import io.billkit.application.port.in.ProviderEvent.PaymentSettled;
import io.billkit.application.port.in.provider.ProviderEventResult;
import io.billkit.application.port.out.Outbox;
import io.billkit.domain.customer.CustomerId;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link PaymentSettled} (a payment intent succeeded or failed): an outbox event {@code payment.succeeded} or
 * {@code payment.failed} for the product (e.g. to tell its customer a credit-pack card payment failed, which no
 * checkout completion reports). Invoices are moved only by their own events, credits only by checkout completion.
 */
final class PaymentSettledHandler implements ProviderEventHandler<PaymentSettled> {
    private final ProviderObjects objects;
    private final Outbox outbox;

    PaymentSettledHandler(ProviderObjects objects, Outbox outbox) {
        this.objects = objects;
        this.outbox = outbox;
    }

    @Override
    public Outcome apply(PaymentSettled event, Instant now) {
        Optional<CustomerId> customer = objects.customer(event.providerCustomer());
        if (customer.isEmpty()) {
            return Outcome.of(ProviderEventResult.IGNORED, Optional.empty(), "unknown customer");
        }
        Map<String, String> details = new HashMap<>();
        details.put("payment", event.objectId());
        event.amount().ifPresent(amount -> {
            details.put("amount", amount.amount().toPlainString());
            details.put("currency", amount.currencyCode());
        });
        event.creditProduct().ifPresent(product -> details.put("product", product));
        String type = event.outcome() == PaymentOutcome.SUCCEEDED ? "payment.succeeded" : "payment.failed";
        OutboxEvents.append(outbox, type, event.objectId(), customer.get(), details, now);
        return Outcome.applied(customer.get(), details);
    }
}
