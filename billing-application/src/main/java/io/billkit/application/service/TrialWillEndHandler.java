package io.billkit.application.service;

import io.billkit.application.port.in.ProviderEvent.TrialWillEnd;
import io.billkit.application.port.in.provider.ProviderEventResult;
import io.billkit.application.port.out.Outbox;
import io.billkit.domain.subscription.Subscription;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link TrialWillEnd}: an outbox event for the product to remind its customer; no state changes. */
final class TrialWillEndHandler implements ProviderEventHandler<TrialWillEnd> {
    private final ProviderObjects objects;
    private final Outbox outbox;

    TrialWillEndHandler(ProviderObjects objects, Outbox outbox) {
        this.objects = objects;
        this.outbox = outbox;
    }

    @Override
    public Outcome apply(TrialWillEnd event, Instant now) {
        Optional<Subscription> found = objects.subscription(event.subscription());
        if (found.isEmpty()) {
            return Outcome.of(ProviderEventResult.IGNORED, Optional.empty(), "unknown subscription");
        }
        Subscription subscription = found.get();
        Map<String, String> details = new HashMap<>();
        details.put("subscription", subscription.id().value());
        subscription.trialEnd().ifPresent(end -> details.put("trialEnd", end.toString()));
        OutboxEvents.append(outbox, "subscription.trial_will_end", subscription.id().value(), subscription.customer(),
                details, now);
        return Outcome.applied(subscription.customer(), details);
    }
}
