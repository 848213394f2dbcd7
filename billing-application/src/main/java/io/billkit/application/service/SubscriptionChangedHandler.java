package io.billkit.application.service;

import io.billkit.application.port.in.ProviderEvent.SubscriptionChanged;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.provider.ProviderSubscriptionStatus;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionStatus;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link SubscriptionChanged} (created or updated at the provider): syncs the scheduled cancel and the status of the
 * linked local subscription (ACTIVE converts a trial or recovers a PAST_DUE one, PAST_DUE marks an ACTIVE one,
 * CANCELED or INCOMPLETE_EXPIRED cancels). A subscription the provider created that BillKit has not linked is
 * IGNORED: Subscribe and checkout completion link their own, so creating one here would race them.
 */
final class SubscriptionChangedHandler implements ProviderEventHandler<SubscriptionChanged> {
    private final ProviderObjects objects;
    private final Outbox outbox;

    SubscriptionChangedHandler(ProviderObjects objects, Outbox outbox) {
        this.objects = objects;
        this.outbox = outbox;
    }

    @Override
    public Outcome apply(SubscriptionChanged event, Instant now) {
        Optional<Subscription> found = objects.subscription(event.subscription());
        Optional<Outcome> skipped = objects.skipUnlessCurrentAndLive(event.subscription(), event, found);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        Subscription original = found.get();
        Subscription current = original;
        if (event.cancelAtPeriodEnd().isPresent()) {
            current = save(current, event.cancelAtPeriodEnd().get()
                    ? current.scheduleCancelAtPeriodEnd() : current.resume());
        }
        ProviderSubscriptionStatus status = event.status();
        if (status == ProviderSubscriptionStatus.ACTIVE && current.status() == SubscriptionStatus.TRIALING) {
            current = save(current, current.activate());
        } else if (status == ProviderSubscriptionStatus.ACTIVE && current.status() == SubscriptionStatus.PAST_DUE) {
            current = save(current, current.recover());
        } else if (status == ProviderSubscriptionStatus.PAST_DUE && current.status() == SubscriptionStatus.ACTIVE) {
            current = save(current, current.markPastDue());
        } else if (status.isEnded()) {
            Instant at = event.createdAt().isBefore(current.createdAt()) ? now : event.createdAt();
            current = save(current, current.cancelNow(at));
        }
        Map<String, String> details = new HashMap<>();
        details.put("subscription", original.id().value());
        details.put("status", current.status().name());
        details.put("cancelAtPeriodEnd", Boolean.toString(current.cancelAtPeriodEnd()));
        if (current != original) {
            OutboxEvents.append(outbox, "subscription.updated", original.id().value(), original.customer(), details, now);
        }
        return Outcome.applied(original.customer(), details);
    }

    /** Saves {@code next} when it differs from {@code current} (each domain change adds one version). */
    private Subscription save(Subscription current, Subscription next) {
        if (next != current) {
            objects.subscriptions.save(next);
        }
        return next;
    }
}
