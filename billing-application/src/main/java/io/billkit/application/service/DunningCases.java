package io.billkit.application.service;

import io.billkit.application.port.in.Actor;
import io.billkit.application.port.out.DunningStore;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.dunning.DunningCase;
import io.billkit.domain.dunning.DunningFinalAction;
import io.billkit.domain.dunning.DunningPolicy;
import io.billkit.domain.dunning.DunningStatus;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionStatus;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What dunning does to its state, shared by the provider-event handlers ({@link PaymentFailedHandler} starts a case,
 * {@link InvoicePaidHandler} ends it), the retry job ({@link RetryFailedPaymentsJob}) and the admin use cases. Every
 * method runs inside the caller's transaction and writes its outbox event and audit entry there.
 *
 * <p>Outbox events: {@code invoice.payment_retry_scheduled} (a retry is due at {@code retryAt}),
 * {@code invoice.payment_retried} (one per attempt, with its outcome), {@code dunning.exhausted} (the last retry
 * failed; the final action taken), {@code dunning.recovered} (the invoice was paid), {@code dunning.stopped}.
 */
final class DunningCases {
    static final Actor DUNNING = Actor.of("dunning");

    final DunningStore store;
    final SubscriptionStore subscriptions;
    final InvoiceStore invoices;
    private final Catalog catalog;
    private final DunningPolicy defaultPolicy;
    private final Outbox outbox;
    private final AuditTrail audit;

    DunningCases(DunningStore store, SubscriptionStore subscriptions, InvoiceStore invoices, Catalog catalog,
                 DunningPolicy defaultPolicy, Outbox outbox, AuditTrail audit) {
        this.store = Objects.requireNonNull(store, "store");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.invoices = Objects.requireNonNull(invoices, "invoices");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.defaultPolicy = Objects.requireNonNull(defaultPolicy, "defaultPolicy");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /**
     * A payment of {@code invoice} failed: starts its case on the plan's schedule (or the default) when it has none
     * and its subscription is live; empty when a case exists (a retry's own failure, a redelivery) or none starts.
     */
    Optional<DunningCase> startIfNew(Invoice invoice, Instant now, Actor actor) {
        Optional<Subscription> subscription = subscriptions.find(invoice.subscriptionId()).filter(Subscription::isLive);
        if (subscription.isEmpty() || store.find(invoice.id()).isPresent()) {
            return Optional.empty();
        }
        DunningPolicy policy = catalog.plan(subscription.get().plan()).map(p -> p.dunningOr(defaultPolicy))
                .orElse(defaultPolicy);
        DunningCase started = DunningCase.start(invoice.id(), invoice.subscriptionId(), invoice.customerId(), policy, now);
        if (!store.insert(started)) {
            return Optional.empty();
        }
        Map<String, String> data = base(started);
        data.put("retryDays", policy.retryDays().toString());
        data.put("finalAction", policy.finalAction().name());
        audit.record(actor, "dunning.started", started.customer(), data);
        scheduled(started, now);
        return Optional.of(started);
    }

    /** The outbox event for the case's next retry. */
    void scheduled(DunningCase dunning, Instant now) {
        Map<String, String> data = base(dunning);
        data.put("retry", Integer.toString(dunning.nextRetryNumber()));
        data.put("retries", Integer.toString(dunning.policy().retries()));
        data.put("retryAt", dunning.nextRetryAt().orElseThrow().toString());
        OutboxEvents.append(outbox, "invoice.payment_retry_scheduled", dunning.invoice().value(), dunning.customer(),
                data, now);
    }

    /**
     * {@code invoice} was paid (a retry, the customer, the provider): its case (if any, and not yet RECOVERED) becomes
     * RECOVERED, and a PAST_DUE or UNPAID subscription ACTIVE again unless another of its invoices is still unpaid
     * under dunning. Returns the subscription's status when it changed.
     */
    Optional<SubscriptionStatus> paid(Invoice invoice, Instant now, Actor actor) {
        store.find(invoice.id()).filter(c -> c.status() != DunningStatus.RECOVERED).ifPresent(c -> {
            DunningCase recovered = c.status() == DunningStatus.RETRYING ? c.recovered(now) : c.paidLate(now);
            store.update(recovered);
            Map<String, String> data = base(recovered);
            data.put("retriesMade", Integer.toString(recovered.retriesMade()));
            data.put("previousStatus", c.status().name());
            audit.record(actor, "dunning.recovered", recovered.customer(), data);
            OutboxEvents.append(outbox, "dunning.recovered", recovered.invoice().value(), recovered.customer(), data, now);
        });
        Optional<Subscription> subscription = subscriptions.find(invoice.subscriptionId())
                .filter(s -> s.status() == SubscriptionStatus.PAST_DUE || s.status() == SubscriptionStatus.UNPAID);
        if (subscription.isEmpty() || !store.unresolvedOf(subscription.get().id()).isEmpty()) {
            return Optional.empty();
        }
        subscriptions.save(subscription.get().recover());
        return Optional.of(SubscriptionStatus.ACTIVE);
    }

    /** Marks the local invoice PAID when it still can be (a retry took the payment before the provider's event). */
    boolean markInvoicePaid(Invoice invoice, Instant now) {
        if (!invoice.status().canTransitionTo(InvoiceStatus.PAID)) {
            return false;
        }
        Instant paidAt = invoice.finalizedAt().filter(now::isBefore).orElse(now);
        invoices.update(invoice.markPaid(paidAt));
        Map<String, String> details = new HashMap<>();
        details.put("invoice", invoice.id().value());
        details.put("via", "dunning");
        OutboxEvents.append(outbox, "invoice.paid", invoice.id().value(), invoice.customerId(), details, now);
        return true;
    }

    /**
     * The last retry failed: records {@code dunning.exhausted}; MARK_UNPAID marks the subscription UNPAID here.
     * Returns whether the subscription must be cancelled (CANCEL: the caller cancels after this transaction).
     */
    boolean exhausted(DunningCase exhausted, Instant now, Actor actor) {
        Map<String, String> data = base(exhausted);
        data.put("retriesMade", Integer.toString(exhausted.retriesMade()));
        DunningFinalAction action = exhausted.policy().finalAction();
        data.put("finalAction", action.name());
        boolean cancel = false;
        Optional<Subscription> subscription = subscriptions.find(exhausted.subscription()).filter(Subscription::isLive);
        if (subscription.isPresent()) {
            Subscription s = subscription.get();
            if (action == DunningFinalAction.MARK_UNPAID && s.status().canTransitionTo(SubscriptionStatus.UNPAID)) {
                subscriptions.save(s.markUnpaid());
                data.put("subscriptionStatus", SubscriptionStatus.UNPAID.name());
            } else if (action == DunningFinalAction.CANCEL) {
                cancel = true;
                data.put("subscriptionStatus", SubscriptionStatus.CANCELLED.name());
            } else {
                data.put("subscriptionStatus", s.status().name());
            }
        }
        audit.record(actor, "dunning.exhausted", exhausted.customer(), data);
        OutboxEvents.append(outbox, "dunning.exhausted", exhausted.invoice().value(), exhausted.customer(), data, now);
        return cancel;
    }

    /** An admin stopped the case. */
    DunningCase stop(DunningCase dunning, Instant now, Actor actor) {
        DunningCase stopped = dunning.stop(now);
        store.update(stopped);
        Map<String, String> data = base(stopped);
        data.put("retriesMade", Integer.toString(stopped.retriesMade()));
        audit.record(actor, "dunning.stopped", stopped.customer(), data);
        OutboxEvents.append(outbox, "dunning.stopped", stopped.invoice().value(), stopped.customer(), data, now);
        return stopped;
    }

    AuditTrail audit() {
        return audit;
    }

    Outbox outbox() {
        return outbox;
    }

    static Map<String, String> base(DunningCase dunning) {
        Map<String, String> data = new HashMap<>();
        data.put("invoice", dunning.invoice().value());
        data.put("subscription", dunning.subscription().value());
        return data;
    }
}
