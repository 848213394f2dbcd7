package io.billkit.application.service;

import io.billkit.application.port.in.Actor;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.PeriodCloseGuard;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;
import io.billkit.domain.time.BillingPeriod;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Closes ended periods: one subscription per transaction, claimed from
 * {@link SubscriptionStore#claimPeriodEndedBy} (live, current period ended before {@code now - grace};
 * PostgreSQL: {@code FOR UPDATE SKIP LOCKED}, so concurrent closers take different subscriptions). In that
 * transaction it closes the period for late usage ({@link PeriodCloseGuard}: waits for usage writes in
 * flight), inserts the draft (plan base fee, the free trial's adjustment, usage per meter and window,
 * pending charges), finalizes it with the next number of the issue year, renews the subscription
 * ({@link PeriodRenewal}); after the commit it pushes the invoice ({@link PushInvoicesJob#push}).
 * A subscription that fails is tallied and skipped for the rest of the run.
 */
final class CloseEndedPeriodsJob implements PeriodCloseJob {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CloseEndedPeriodsJob.class);
    /** Ended periods one catch-up closes at most (a monthly subscription left unclosed for two years). */
    static final int MAX_CATCH_UP_PERIODS = 24;
    private final PeriodRenewal renewal;
    private final InvoiceStore invoices;
    private final PeriodCloseGuard closeGuard;
    private final PushInvoicesJob pushes;
    private final Transactions tx;
    private final Duration grace;
    private final int maxItems;

    CloseEndedPeriodsJob(PeriodRenewal renewal, InvoiceStore invoices, PeriodCloseGuard closeGuard,
                         PushInvoicesJob pushes, Transactions tx, Duration grace, int maxItems) {
        this.renewal = Objects.requireNonNull(renewal, "renewal");
        this.invoices = Objects.requireNonNull(invoices, "invoices");
        this.closeGuard = Objects.requireNonNull(closeGuard, "closeGuard");
        this.pushes = Objects.requireNonNull(pushes, "pushes");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.grace = Objects.requireNonNull(grace, "grace");
        this.maxItems = maxItems;
    }

    @Override
    public void run(Instant now, PeriodCloseRun run) {
        Instant cutoff = now.minus(grace);
        Set<SubscriptionId> failed = new HashSet<>();
        for (int i = 0; i < maxItems; i++) {
            SubscriptionId[] claimed = new SubscriptionId[1];
            try {
                Optional<Closed> closed = tx.inTransaction(() -> {
                    List<Subscription> due = renewal.subscriptions().claimPeriodEndedBy(cutoff, 1, failed);
                    if (due.isEmpty()) {
                        return Optional.<Closed>empty();
                    }
                    Subscription subscription = due.get(0);
                    claimed[0] = subscription.id();
                    BillingPeriod period = subscription.currentPeriod();
                    closeGuard.close(subscription.id(), period.start());
                    return Optional.of(invoicePeriod(subscription.id(), period, now, run.actor()));
                });
                if (closed.isEmpty()) {
                    return;
                }
                if (closed.get().alreadyInvoiced()) {
                    run.alreadyInvoiced();
                }
                closed.get().finalizedNow().ifPresent(invoice -> {
                    run.created(invoice.id());
                    pushes.push(invoice, now, run);
                });
            } catch (RuntimeException e) {
                if (claimed[0] == null) {
                    run.fail("claiming ended periods", e);
                    return;
                }
                failed.add(claimed[0]);
                run.fail("subscription " + claimed[0], e);
            }
        }
    }

    /**
     * Closes the periods of {@code id} that ended by {@code now} at once, without waiting for the grace: the
     * catch-up a cancel or a plan change runs first ({@link EndedPeriodCloser}), so the ended period is invoiced
     * as period close would have invoiced it (its plan, its usage) before the change applies to the period that
     * has begun. One period per transaction, each invoice pushed after its commit (a failed push is logged and
     * left for period close). Returns the subscription as it then is (on the period containing {@code now}, or
     * no longer live).
     */
    Subscription closeEndedNow(SubscriptionId id, Instant now, Actor actor) {
        for (int round = 0; round < MAX_CATCH_UP_PERIODS; round++) {
            Subscription subscription = renewal.subscriptions().find(id).orElseThrow(() ->
                    new BillingException(ErrorCode.NOT_FOUND, "subscription " + id + " not found"));
            if (!subscription.isLive() || subscription.currentPeriodEnd().isAfter(now)) {
                return subscription;
            }
            BillingPeriod period = subscription.currentPeriod();
            Closed closed = tx.inTransaction(() -> {
                closeGuard.close(id, period.start());
                return invoicePeriod(id, period, now, actor);
            });
            PeriodCloseRun run = new PeriodCloseRun(actor);
            closed.finalizedNow().ifPresent(invoice -> pushes.push(invoice, now, run));
            run.result().failures().forEach(failure -> LOG.warn("closing the ended period of {}: {}", id, failure));
        }
        throw new BillingException(ErrorCode.CONFLICT, "subscription " + id + " has more than "
                + MAX_CATCH_UP_PERIODS + " ended periods to close; let period close catch up first");
    }

    /** Inside one transaction: the period's invoice, inserted and finalized, or the one already there. */
    private Closed invoicePeriod(SubscriptionId id, BillingPeriod period, Instant now, Actor actor) {
        Subscription subscription = renewal.subscriptions().find(id).orElseThrow(() ->
                new BillingException(ErrorCode.NOT_FOUND, "subscription " + id + " not found"));
        Optional<Invoice> existing = invoices.findByPeriod(id, period.start());
        if (existing.isPresent()) {
            return ensureFinalized(existing.get(), now, actor);
        }
        if (!subscription.isLive() || !subscription.currentPeriod().equals(period)) {
            return new Closed(Optional.empty(), false);
        }
        Optional<Invoice> draft = renewal.invoicer().insertDraft(subscription, period);
        if (draft.isEmpty()) {
            Invoice other = invoices.findByPeriod(id, period.start()).orElseThrow(() -> new BillingException(
                    ErrorCode.CONFLICT, "invoice of " + id + " for " + period.start() + " was inserted concurrently"));
            return ensureFinalized(other, now, actor);
        }
        return new Closed(Optional.of(renewal.finalizeDraft(draft.get(), now, actor)), false);
    }

    private Closed ensureFinalized(Invoice existing, Instant now, Actor actor) {
        if (existing.status() == InvoiceStatus.DRAFT) {
            return new Closed(Optional.of(renewal.finalizeDraft(existing, now, actor)), true);
        }
        renewal.renewIfStillOn(existing, now, actor);
        return new Closed(Optional.empty(), true);
    }

    /** What one transaction did. */
    private record Closed(Optional<Invoice> finalizedNow, boolean alreadyInvoiced) {
    }
}
