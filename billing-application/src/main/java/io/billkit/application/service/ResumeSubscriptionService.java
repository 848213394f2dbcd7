package io.billkit.application.service;

import io.billkit.application.port.in.subscription.ResumeSubscriptionCommand;
import io.billkit.application.port.in.subscription.ResumeSubscriptionUseCase;
import io.billkit.application.port.in.subscription.SubscriptionView;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.provider.ProviderSubscriptions;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.subscription.Subscription;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Undoes a cancellation scheduled for the period end of the customer's latest subscription. Resuming a
 * CANCELLED or EXPIRED subscription is {@code ILLEGAL_TRANSITION} (subscribe anew); resuming one with no
 * scheduled cancel changes nothing. The provider is told first (key from the subscription id and
 * version), then the change is saved over the version it came from.
 */
public final class ResumeSubscriptionService implements ResumeSubscriptionUseCase {
    private final SubscriptionStore subscriptions;
    private final ProviderReferenceStore references;
    private final ProviderSubscriptions provider;
    private final Catalog catalog;
    private final Outbox outbox;
    private final Transactions tx;
    private final AuditTrail audit;
    private final Clock clock;

    public ResumeSubscriptionService(SubscriptionStore subscriptions, ProviderReferenceStore references,
                                     ProviderSubscriptions provider, Catalog catalog, Outbox outbox, Transactions tx,
                                     AuditTrail audit, Clock clock) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.references = Objects.requireNonNull(references, "references");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public SubscriptionView resume(ResumeSubscriptionCommand command) {
        Subscription subscription = subscriptions.findLive(command.customer())
                .or(() -> subscriptions.findLatest(command.customer()))
                .orElseThrow(() -> new BillingException(ErrorCode.NOT_FOUND,
                        "customer " + command.customer() + " has no subscription"));
        Subscription resumed = subscription.resume();
        if (resumed == subscription) {
            return SubscriptionViews.of(subscription, catalog);
        }
        Instant now = clock.instant();
        references.providerId(SubscriptionOpener.SUBSCRIPTION_REF, subscription.id().value())
                .ifPresent(id -> provider.resumeSubscription(id,
                        "subscription-resume-" + subscription.id().value() + "-v" + subscription.version()));

        return tx.inTransaction(() -> {
            subscriptions.save(resumed);
            Map<String, String> data = Map.of("subscription", subscription.id().value(),
                    "plan", subscription.plan().value());
            OutboxEvents.append(outbox, "subscription.resumed", subscription.id().value(), subscription.customer(),
                    data, now);
            audit.record(command.actor(), "subscription.resumed", subscription.customer(), data);
            return SubscriptionViews.of(resumed, catalog);
        });
    }
}
