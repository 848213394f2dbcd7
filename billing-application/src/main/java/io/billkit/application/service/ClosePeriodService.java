package io.billkit.application.service;

import io.billkit.application.port.in.invoice.ClosePeriodCommand;
import io.billkit.application.port.in.invoice.ClosePeriodResult;
import io.billkit.application.port.in.invoice.ClosePeriodUseCase;
import io.billkit.application.port.out.CouponRedemptionStore;
import io.billkit.application.port.out.CouponStore;
import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.application.port.out.CustomerBalanceStore;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.PendingChargeStore;
import io.billkit.application.port.out.PeriodCloseGuard;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.TaxCalculator;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.application.port.out.provider.ProviderInvoices;
import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.Catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Period close: one finalized invoice per subscription and ended period, exactly once even when the job
 * runs twice, crashes half-way or runs on two instances at once. A run is a small scheduler over
 * {@link PeriodCloseJob}s, each fed by a store query that returns only due work (an indexed queue, claimed
 * with {@code FOR UPDATE SKIP LOCKED} on PostgreSQL), so a run costs what is due, not what exists:
 * <ol>
 *   <li>{@link ActivateEndedTrialsJob}: TRIALING subscriptions whose trial ended become ACTIVE;</li>
 *   <li>{@link PushInvoicesJob}: OPEN invoices an earlier push left unlinked are claimed (a lease taken under
 *       {@code FOR UPDATE SKIP LOCKED}) and pushed again;</li>
 *   <li>{@link FinishDraftsJob}: DRAFT invoices a crashed run left behind are finished;</li>
 *   <li>{@link CloseEndedPeriodsJob}: periods that ended before {@code now - grace} are closed for late
 *       usage, invoiced, finalized, the subscription renewed (its next period's credits granted), and the
 *       invoice pushed.</li>
 * </ol>
 * <p>Trials: when the invoiced period overlaps the subscription's trial, the draft gets one
 * {@link io.billkit.domain.invoice.InvoiceLine.AdjustmentLine} "Free trial until &lt;date&gt;" of minus the
 * base fee's trial share ({@link TrialDiscount}); metered overage is billed as usual during a trial.
 * Subscription credits are credit units, not money: the invoice's credit line is left empty. Invoices with
 * a zero total are finalized but not pushed. A failure of one item is reported in the result and retried by
 * the next run.
 */
public final class ClosePeriodService implements ClosePeriodUseCase {
    private static final int MAX_ROUNDS = 1_000;

    /**
     * @param grace     how long after a period's end usage may still arrive before the period is closed
     * @param batchSize subscriptions (and left-over drafts) handled per round, 1..10,000
     */
    public record Settings(Duration grace, int batchSize) {
        public static final Duration DEFAULT_GRACE = Duration.ofHours(1);
        public static final int DEFAULT_BATCH_SIZE = 100;

        public Settings {
            Objects.requireNonNull(grace, "grace");
            BillingException.require(!grace.isNegative(), "grace must not be negative but was " + grace);
            BillingException.require(batchSize >= 1 && batchSize <= 10_000,
                    "batchSize must be in 1..10000 but was " + batchSize);
        }

        /** One hour of grace, batches of 100. */
        public static Settings defaults() {
            return new Settings(DEFAULT_GRACE, DEFAULT_BATCH_SIZE);
        }
    }

    private final List<PeriodCloseJob> jobs;
    private final Clock clock;
    private final EndedPeriodCloser endedPeriods;

    /** A run of {@code jobs}, in this order. */
    public ClosePeriodService(List<PeriodCloseJob> jobs, Clock clock) {
        this(jobs, clock, null);
    }

    private ClosePeriodService(List<PeriodCloseJob> jobs, Clock clock, EndedPeriodCloser endedPeriods) {
        this.jobs = List.copyOf(Objects.requireNonNull(jobs, "jobs"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.endedPeriods = endedPeriods;
    }

    /**
     * The write path's catch-up over the same wiring ({@link EndedPeriodCloser}), for the cancel and plan-change
     * services; only a {@link #standard} service has one.
     */
    public EndedPeriodCloser endedPeriods() {
        if (endedPeriods == null) {
            throw new IllegalStateException("only ClosePeriodService.standard(..) closes ended periods on the write path");
        }
        return endedPeriods;
    }

    /** The four standard jobs, wired to these ports (the wiring of bootstrap and of the tests). */
    public static ClosePeriodService standard(Catalog catalog, CustomerStore customers, SubscriptionStore subscriptions,
                                              UsageEventStore usage, PendingChargeStore pendingCharges,
                                              PeriodCloseGuard closeGuard, InvoiceStore invoices,
                                              CreditLedgerStore credits, ProviderReferenceStore references,
                                              ProviderInvoices provider, Outbox outbox, Transactions tx,
                                              AuditTrail audit, Clock clock, Settings settings) {
        return standard(catalog, customers, subscriptions, usage, pendingCharges, closeGuard, invoices, credits,
                references, provider, outbox, tx, audit, clock, settings, SubscriptionDiscounts.none(),
                TaxCalculator.customerRate(), CustomerBalanceStore.NONE);
    }

    /**
     * {@link #standard} whose invoices take the coupons redeemed for each subscription, are taxed by
     * {@code taxCalculator} and take the customers' money balances ({@code balances}).
     */
    public static ClosePeriodService standard(Catalog catalog, CustomerStore customers, SubscriptionStore subscriptions,
                                              UsageEventStore usage, PendingChargeStore pendingCharges,
                                              PeriodCloseGuard closeGuard, InvoiceStore invoices,
                                              CreditLedgerStore credits, ProviderReferenceStore references,
                                              ProviderInvoices provider, Outbox outbox, Transactions tx,
                                              AuditTrail audit, Clock clock, Settings settings,
                                              CouponStore coupons, CouponRedemptionStore redemptions,
                                              TaxCalculator taxCalculator, CustomerBalanceStore balances) {
        return standard(catalog, customers, subscriptions, usage, pendingCharges, closeGuard, invoices, credits,
                references, provider, outbox, tx, audit, clock, settings, SubscriptionDiscounts.of(coupons, redemptions),
                taxCalculator, balances);
    }

    private static ClosePeriodService standard(Catalog catalog, CustomerStore customers, SubscriptionStore subscriptions,
                                               UsageEventStore usage, PendingChargeStore pendingCharges,
                                               PeriodCloseGuard closeGuard, InvoiceStore invoices,
                                               CreditLedgerStore credits, ProviderReferenceStore references,
                                               ProviderInvoices provider, Outbox outbox, Transactions tx,
                                               AuditTrail audit, Clock clock, Settings settings,
                                               SubscriptionDiscounts discounts, TaxCalculator taxCalculator,
                                               CustomerBalanceStore balances) {
        Objects.requireNonNull(settings, "settings");
        PeriodInvoicer invoicer = new PeriodInvoicer(catalog, customers, usage, pendingCharges, invoices, outbox, audit,
                discounts, taxCalculator, balances);
        PeriodRenewal renewal = new PeriodRenewal(catalog, subscriptions, invoicer, new PeriodCredits(credits, audit),
                outbox, audit);
        PushInvoicesJob pushes = new PushInvoicesJob(invoices,
                new InvoicePusher(references, provider, invoices, tx, audit, balances), tx, settings.batchSize());
        int maxItems = MAX_ROUNDS * settings.batchSize();
        CloseEndedPeriodsJob closeEnded = new CloseEndedPeriodsJob(renewal, invoices, closeGuard, pushes, tx,
                settings.grace(), maxItems);
        return new ClosePeriodService(List.of(
                new ActivateEndedTrialsJob(renewal, tx, maxItems),
                pushes,
                new FinishDraftsJob(invoices, closeGuard, renewal, pushes, tx, settings.batchSize()),
                closeEnded), clock, new EndedPeriodCloser(closeEnded));
    }

    /** This run with {@code job} added after its jobs (e.g. dunning's payment retries). */
    public ClosePeriodService withJob(PeriodCloseJob job) {
        Objects.requireNonNull(job, "job");
        List<PeriodCloseJob> more = new java.util.ArrayList<>(jobs);
        more.add(job);
        return new ClosePeriodService(more, clock, endedPeriods);
    }

    @Override
    public ClosePeriodResult close(ClosePeriodCommand command) {
        Objects.requireNonNull(command, "command");
        Instant now = clock.instant();
        PeriodCloseRun run = new PeriodCloseRun(command.actor());
        jobs.forEach(job -> job.run(now, run));
        return run.result();
    }
}
