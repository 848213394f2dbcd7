package io.billkit.application.service;

import io.billkit.application.port.in.ProviderEvent.SubscriptionDeleted;
import io.billkit.application.port.out.Outbox;
import io.billkit.domain.subscription.Subscription;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link SubscriptionDeleted}: the linked live subscription is CANCELLED now. */
final class SubscriptionDeletedHandler implements ProviderEventHandler<SubscriptionDeleted> {
    private final ProviderObjects objects;
    private final Outbox outbox;

    SubscriptionDeletedHandler(ProviderObjects objects, Outbox outbox) {
        this.objects = objects;
        this.outbox = outbox;
    }

    @Override
    public Outcome apply(SubscriptionDeleted event, Instant now) {
        Optional<Subscription> found = objects.subscription(event.subscription());
        Optional<Outcome> skipped = objects.skipUnlessCurrentAndLive(event.subscription(), event, found);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        Subscription subscription = found.get();
        Instant cancelledAt = event.createdAt().isBefore(subscription.createdAt()) ? now : event.createdAt();
        objects.subscriptions.save(subscription.cancelNow(cancelledAt));
        Map<String, String> details = new HashMap<>();
        details.put("subscription", subscription.id().value());
        details.put("cancelledAt", cancelledAt.toString());
        OutboxEvents.append(outbox, "subscription.cancelled", subscription.id().value(), subscription.customer(),
                details, now);
        return Outcome.applied(subscription.customer(), details);
    }
}
