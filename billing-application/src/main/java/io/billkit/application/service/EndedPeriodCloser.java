package io.billkit.application.service;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.subscription.Subscription;

import java.time.Instant;
import java.util.Objects;

/**
 * The write path's part of period close: before a change to a subscription whose period has ended but has not
 * been closed yet (inside the grace, or the closer has not run), the ended period is closed first, exactly as
 * period close would close it. The two decisions this implements (see the README's "Period-end decisions"):
 * <ul>
 *   <li>a <b>cancel</b> after a period ended but before its close invoices the ended period in full, and then
 *       the period that has begun up to the cancel (its usage between the period end and the cancel, its base
 *       fee pro rata), like any immediate cancel;</li>
 *   <li>a <b>plan change</b> after a period ended but before its close bills the ended period at the old plan;
 *       the change applies to the period that has begun (an upgrade prorated over it, a downgrade at its end).</li>
 * </ul>
 * Closing early means late usage for the ended period is refused from then on (the same as after a close run).
 * Built by {@link ClosePeriodService#endedPeriods()}, so it shares the period-close jobs' wiring.
 */
public final class EndedPeriodCloser {
    private final CloseEndedPeriodsJob job;

    EndedPeriodCloser(CloseEndedPeriodsJob job) {
        this.job = Objects.requireNonNull(job, "job");
    }

    /**
     * Closes {@code subscription}'s ended periods if it has any (its current period ended at or before
     * {@code now}); returns the subscription to change: the same one when nothing ended, else the one stored
     * after the close (renewed onto the period containing {@code now}, or no longer live).
     */
    Subscription closeEndedPeriods(Subscription subscription, Instant now, Actor actor) {
        Objects.requireNonNull(subscription, "subscription");
        if (!subscription.isLive() || subscription.currentPeriodEnd().isAfter(now)) {
            return subscription;
        }
        return job.closeEndedNow(subscription.id(), now, actor);
    }
}
