package io.billkit.application.service;

import io.billkit.application.port.in.subscription.CancelSubscriptionCommand;
import io.billkit.application.port.in.subscription.CancelSubscriptionUseCase;
import io.billkit.application.port.in.subscription.SubscriptionView;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.provider.PaymentProvider;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.subscription.Subscription;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Cancels the customer's live subscription now (CANCELLED at once) or at the end of the current period
 * (scheduled; {@link ResumeSubscriptionService} undoes it). The provider is told first with a key derived
 * from the subscription id, version and mode, then the change is saved over the version it came from.
 * Scheduling a cancel that is already scheduled changes nothing.
 */
public final class CancelSubscriptionService implements CancelSubscriptionUseCase {
    private final SubscriptionStore subscriptions;
    private final ProviderReferenceStore references;
    private final PaymentProvider provider;
    private final Catalog catalog;
    private final Outbox outbox;
    private final Transactions tx;
    private final AuditTrail audit;
    private final Clock clock;

    public CancelSubscriptionService(SubscriptionStore subscriptions, ProviderReferenceStore references,
                                     PaymentProvider provider, Catalog catalog, Outbox outbox, Transactions tx,
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
    public SubscriptionView cancel(CancelSubscriptionCommand command) {
        Subscription subscription = subscriptions.findLive(command.customer()).orElseThrow(() ->
                new BillingException(ErrorCode.NOT_FOUND, "customer " + command.customer() + " has no live subscription"));
        Instant now = clock.instant();
        Subscription cancelled = command.atPeriodEnd()
                ? subscription.scheduleCancelAtPeriodEnd()
                : subscription.cancelNow(now);
        if (cancelled == subscription) {
            return SubscriptionViews.of(subscription, catalog);
        }
        String key = "subscription-cancel-" + subscription.id().value() + "-v" + subscription.version()
                + (command.atPeriodEnd() ? "-at-period-end" : "-now");
        references.providerId(SubscriptionOpener.SUBSCRIPTION_REF, subscription.id().value())
                .ifPresent(id -> provider.cancelSubscription(id, command.atPeriodEnd(), key));

        return tx.inTransaction(() -> {
            subscriptions.save(cancelled);
            String type = command.atPeriodEnd() ? "subscription.cancel_scheduled" : "subscription.cancelled";
            Map<String, String> data = Map.of("subscription", subscription.id().value(),
                    "plan", subscription.plan().value(),
                    "atPeriodEnd", Boolean.toString(command.atPeriodEnd()),
                    "effectiveAt", command.atPeriodEnd() ? subscription.currentPeriodEnd().toString() : now.toString());
            OutboxEvents.append(outbox, type, subscription.id().value(), subscription.customer(), data, now);
            audit.record(command.actor(), type, subscription.customer(), data);
            return SubscriptionViews.of(cancelled, catalog);
        });
    }
}
