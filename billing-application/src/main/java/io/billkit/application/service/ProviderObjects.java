package io.billkit.application.service;

import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.ProviderEventCursor;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.in.ProviderEvent;
import io.billkit.application.port.in.provider.ProviderEventResult;
import io.billkit.application.service.ProviderEventHandler.Outcome;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;

import java.util.Objects;
import java.util.Optional;

/**
 * The provider-event handlers' shared look-ups: the local invoice, subscription or customer a provider id is linked
 * to, and the per-object event cursor (an event older than one already applied to its object is STALE).
 */
final class ProviderObjects {
    static final String INVOICE_REF = "invoice";
    static final String SUBSCRIPTION_REF = SubscriptionOpener.SUBSCRIPTION_REF;

    final CustomerStore customers;
    final SubscriptionStore subscriptions;
    final InvoiceStore invoices;
    final ProviderReferenceStore references;
    private final ProviderEventCursor cursor;

    ProviderObjects(CustomerStore customers, SubscriptionStore subscriptions, InvoiceStore invoices,
                    ProviderReferenceStore references, ProviderEventCursor cursor) {
        this.customers = Objects.requireNonNull(customers, "customers");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.invoices = Objects.requireNonNull(invoices, "invoices");
        this.references = Objects.requireNonNull(references, "references");
        this.cursor = Objects.requireNonNull(cursor, "cursor");
    }

    Optional<Invoice> invoice(String providerInvoice) {
        return references.localId(INVOICE_REF, providerInvoice).flatMap(id -> invoices.find(InvoiceId.of(id)));
    }

    Optional<Subscription> subscription(String providerSubscription) {
        return references.localId(SUBSCRIPTION_REF, providerSubscription)
                .flatMap(id -> subscriptions.find(SubscriptionId.of(id)));
    }

    Optional<CustomerId> customer(Optional<String> providerCustomer) {
        return providerCustomer
                .flatMap(id -> references.localId(ProviderCustomers.CUSTOMER_REF, id))
                .map(CustomerId::of);
    }

    /** Moves the invoice's cursor to the event; false when a newer event was applied to it (the event is stale). */
    boolean advanceInvoice(String providerInvoice, ProviderEvent event) {
        return cursor.advance(INVOICE_REF, providerInvoice, event.createdAt());
    }

    /**
     * Why a subscription event is not applied: IGNORED for an unknown or ended subscription, STALE when a newer event
     * was applied to it (the cursor moves otherwise); empty when it should be applied.
     */
    Optional<Outcome> skipUnlessCurrentAndLive(String providerSubscription, ProviderEvent event,
                                               Optional<Subscription> found) {
        if (found.isEmpty()) {
            return Optional.of(Outcome.of(ProviderEventResult.IGNORED, Optional.empty(), "unknown subscription"));
        }
        Subscription subscription = found.get();
        Optional<CustomerId> customer = Optional.of(subscription.customer());
        if (!cursor.advance(SUBSCRIPTION_REF, providerSubscription, event.createdAt())) {
            return Optional.of(Outcome.of(ProviderEventResult.STALE, customer, "a newer event was applied to the subscription"));
        }
        if (!subscription.isLive()) {
            return Optional.of(Outcome.of(ProviderEventResult.IGNORED, customer,
                    "subscription is already " + subscription.status()));
        }
        return Optional.empty();
    }
}
