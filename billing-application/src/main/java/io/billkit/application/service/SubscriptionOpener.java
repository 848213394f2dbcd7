package io.billkit.application.service;

import io.billkit.application.port.in.Actor;
import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.credit.CreditGrant;
import io.billkit.domain.subscription.Subscription;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The local half of starting a subscription, shared by {@link SubscribeService} and checkouts completed at
 * the provider ({@link HandleProviderEventService}): save it, link the provider's subscription, grant the
 * first period's included credits, announce {@code subscription.created} and audit it. Runs in the
 * caller's transaction.
 */
final class SubscriptionOpener {
    static final String SUBSCRIPTION_REF = "subscription";

    private final SubscriptionStore subscriptions;
    private final CreditLedgerStore ledgers;
    private final ProviderReferenceStore references;
    private final Outbox outbox;
    private final AuditTrail audit;

    SubscriptionOpener(SubscriptionStore subscriptions, CreditLedgerStore ledgers, ProviderReferenceStore references,
                       Outbox outbox, AuditTrail audit) {
        this.subscriptions = subscriptions;
        this.ledgers = ledgers;
        this.references = references;
        this.outbox = outbox;
        this.audit = audit;
    }

    void open(Subscription started, Plan plan, String providerSubscriptionId, Actor actor, String origin) {
        subscriptions.save(started);
        references.link(SUBSCRIPTION_REF, started.id().value(), providerSubscriptionId);
        Optional<CreditGrant> credits = PeriodCredits.grantFirstPeriod(ledgers, started, plan);
        Map<String, String> data = new HashMap<>();
        data.put("subscription", started.id().value());
        data.put("plan", plan.code().value());
        data.put("status", started.status().name());
        data.put("periodStart", started.currentPeriod().start().toString());
        data.put("periodEnd", started.currentPeriod().endExclusive().toString());
        data.put("providerSubscription", providerSubscriptionId);
        data.put("origin", origin);
        started.trialEnd().ifPresent(end -> data.put("trialEnd", end.toString()));
        credits.ifPresent(grant -> data.put("creditsGranted", grant.amount().toPlainString()));
        OutboxEvents.append(outbox, "subscription.created", started.id().value(), started.customer(), data,
                started.createdAt());
        audit.record(actor, "subscription.created", started.customer(), data);
    }
}
