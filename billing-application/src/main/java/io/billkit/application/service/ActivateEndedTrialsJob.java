package io.billkit.application.service;

import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Converts ended trials: each TRIALING subscription whose {@code trialEnd} is at or before now becomes
 * ACTIVE ({@link Subscription#activate()}), one per transaction that claims it from
 * {@link SubscriptionStore#claimTrialsEndedBy} ({@code subscription.activated} in the audit log and the
 * outbox). A provider event or another replica that converted it first takes it out of the queue.
 */
final class ActivateEndedTrialsJob implements PeriodCloseJob {
    private final PeriodRenewal renewal;
    private final Transactions tx;
    private final int maxItems;

    ActivateEndedTrialsJob(PeriodRenewal renewal, Transactions tx, int maxItems) {
        this.renewal = Objects.requireNonNull(renewal, "renewal");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.maxItems = maxItems;
    }

    @Override
    public void run(Instant now, PeriodCloseRun run) {
        SubscriptionStore subscriptions = renewal.subscriptions();
        Set<SubscriptionId> failed = new HashSet<>();
        for (int i = 0; i < maxItems; i++) {
            SubscriptionId[] claimed = new SubscriptionId[1];
            try {
                boolean found = tx.inTransaction(() -> {
                    List<Subscription> due = subscriptions.claimTrialsEndedBy(now, 1, failed);
                    if (due.isEmpty()) {
                        return false;
                    }
                    claimed[0] = due.get(0).id();
                    renewal.activate(due.get(0), now, run.actor());
                    return true;
                });
                if (!found) {
                    return;
                }
            } catch (RuntimeException e) {
                if (claimed[0] == null) {
                    run.fail("claiming ended trials", e);
                    return;
                }
                failed.add(claimed[0]);
                boolean stillTrialing = subscriptions.find(claimed[0])
                        .map(s -> PeriodRenewal.trialEnded(s, now)).orElse(false);
                if (stillTrialing) {
                    run.fail("trial of subscription " + claimed[0], e);
                } // else another writer (provider event, another instance) converted it first
            }
        }
    }
}
