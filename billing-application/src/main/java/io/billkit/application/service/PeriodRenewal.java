package io.billkit.application.service;

import io.billkit.application.port.in.Actor;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionStatus;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What period close does to a subscription, in the caller's transaction: converts an ended trial,
 * finalizes a period's draft and renews the subscription onto its next period (with that period's
 * subscription credits, {@link PeriodCredits}). Shared by the jobs of {@link ClosePeriodService}.
 */
final class PeriodRenewal {
    private final Catalog catalog;
    private final SubscriptionStore subscriptions;
    private final PeriodInvoicer invoicer;
    private final PeriodCredits periodCredits;
    private final Outbox outbox;
    private final AuditTrail audit;

    PeriodRenewal(Catalog catalog, SubscriptionStore subscriptions, PeriodInvoicer invoicer, PeriodCredits periodCredits,
                  Outbox outbox, AuditTrail audit) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.invoicer = Objects.requireNonNull(invoicer, "invoicer");
        this.periodCredits = Objects.requireNonNull(periodCredits, "periodCredits");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    SubscriptionStore subscriptions() {
        return subscriptions;
    }

    PeriodInvoicer invoicer() {
        return invoicer;
    }

    static boolean trialEnded(Subscription subscription, Instant now) {
        return subscription.status() == SubscriptionStatus.TRIALING
                && subscription.trialEnd().map(end -> !end.isAfter(now)).orElse(false);
    }

    /** TRIALING -> ACTIVE, saved, audited ({@code subscription.activated}) and announced in the outbox. */
    Subscription activate(Subscription trialing, Instant now, Actor actor) {
        Subscription active = trialing.activate();
        subscriptions.save(active);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("subscription", active.id().value());
        data.put("plan", active.plan().value());
        data.put("status", active.status().name());
        data.put("trialEnd", trialing.trialEnd().orElseThrow().toString());
        audit.record(actor, "subscription.activated", active.customer(), data);
        OutboxEvents.append(outbox, "subscription.activated", active.id().value(), active.customer(), data, now);
        return active;
    }

    /** Finalizes a draft with the next number of its issue year, renews the subscription, announces it. */
    Invoice finalizeDraft(Invoice draft, Instant now, Actor actor) {
        return invoicer.finalizeDraft(draft, now, actor, open -> renewIfStillOn(open, now, actor));
    }

    /**
     * Renews the invoice's subscription when it is still on the invoiced period (not yet renewed), activating
     * it first when it is still TRIALING after its trial ended.
     */
    void renewIfStillOn(Invoice invoice, Instant now, Actor actor) {
        Optional<Subscription> found = subscriptions.find(invoice.subscriptionId());
        if (found.isEmpty() || !found.get().isLive()
                || !found.get().currentPeriod().start().equals(invoice.periodStart())) {
            return;
        }
        Subscription current = trialEnded(found.get(), now) ? activate(found.get(), now, actor) : found.get();
        Subscription renewed = current.renew();
        subscriptions.save(renewed);
        audit.record(actor, renewed.isLive() ? "subscription.renewed" : "subscription.cancelled",
                renewed.customer(), Map.of("subscription", renewed.id().value(), "plan", renewed.plan().value(),
                        "status", renewed.status().name(), "periodStart", renewed.currentPeriod().start().toString(),
                        "previousPlan", found.get().plan().value()));
        periodCredits.renewFor(renewed, catalog.requirePlan(renewed.plan()), now, actor);
    }
}
