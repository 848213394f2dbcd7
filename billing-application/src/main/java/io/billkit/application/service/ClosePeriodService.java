package io.billkit.application.service;

import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.invoice.ClosePeriodCommand;
import io.billkit.application.port.in.invoice.ClosePeriodResult;
import io.billkit.application.port.in.invoice.ClosePeriodUseCase;
import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.PendingChargeStore;
import io.billkit.application.port.out.PeriodCloseGuard;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.application.port.out.provider.ProviderInvoices;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.invoice.InvoiceNumber;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;
import io.billkit.domain.subscription.SubscriptionStatus;
import io.billkit.domain.time.BillingPeriod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Period close: one finalized invoice per subscription and ended period, exactly once even when the job
 * runs twice, crashes half-way or runs on two instances at once. A run:
 * <ol>
 *   <li>converts ended trials: every live subscription still TRIALING whose {@code trialEnd} is at or
 *       before now becomes ACTIVE ({@link Subscription#activate()}), each in its own transaction with
 *       {@code subscription.activated} in the audit log and the outbox (a provider event that converted it
 *       first, or another instance, makes this a no-op);</li>
 *   <li>retries the provider push of OPEN invoices left without a provider link by earlier runs;</li>
 *   <li>finishes DRAFT invoices left over (claimed with {@link InvoiceStore#claimDrafts}, so two
 *       instances never finish the same draft);</li>
 *   <li>for every live subscription whose current period ended before {@code now - grace}: closes the
 *       period for late usage ({@link PeriodCloseGuard}, own transaction), then in one transaction inserts
 *       the draft (plan base fee, the free trial's adjustment, usage per meter and window, pending charges),
 *       finalizes it with the next number of the issue year, renews the subscription (activating a trial
 *       that has ended, applying a scheduled downgrade or cancel), expires old and grants the new period's
 *       subscription credits unless they were granted already ({@code PeriodCredits}), and writes
 *       {@code invoice.created} to the outbox and {@code invoice.finalized} to the audit log; after the
 *       commit it pushes the invoice to the provider.</li>
 * </ol>
 * <p>Trials: when the invoiced period overlaps the subscription's trial, the draft gets one
 * {@link InvoiceLine.AdjustmentLine} "Free trial until &lt;date&gt;" of minus the base fee's trial share,
 * {@code base price x trial seconds / period seconds} with the trial counted from the period's start to
 * {@code min(trialEnd, period end)}, rounded once HALF_UP ({@code TrialDiscount}); a trial covering the
 * whole period nets the base fee to zero. Metered overage is billed as usual during a trial: the trial
 * waives the subscription fee, not usage beyond the plan's allowances. The adjustment is part of the draft
 * built once per period, so re-runs never add a second one; tax is computed on the discounted subtotal.
 *
 * <p>Subscription credits are credit units, not money, so they are never applied as money: the invoice's
 * credit line is left empty. Invoices with a zero total are finalized but not pushed to the provider.
 * A failure of one subscription or push is reported in the result and retried by the next run.
 */
public final class ClosePeriodService implements ClosePeriodUseCase {
    private static final Logger LOG = LoggerFactory.getLogger(ClosePeriodService.class);
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

    private final Catalog catalog;
    private final CustomerStore customers;
    private final SubscriptionStore subscriptions;
    private final PeriodCloseGuard closeGuard;
    private final InvoiceStore invoices;
    private final Outbox outbox;
    private final Transactions tx;
    private final AuditTrail audit;
    private final Clock clock;
    private final Settings settings;
    private final PeriodInvoicer invoicer;
    private final PeriodCredits periodCredits;
    private final InvoicePusher pusher;

    public ClosePeriodService(Catalog catalog, CustomerStore customers, SubscriptionStore subscriptions,
                              UsageEventStore usage, PendingChargeStore pendingCharges, PeriodCloseGuard closeGuard,
                              InvoiceStore invoices, CreditLedgerStore credits, ProviderReferenceStore references,
                              ProviderInvoices provider, Outbox outbox, Transactions tx, AuditTrail audit, Clock clock,
                              Settings settings) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.customers = Objects.requireNonNull(customers, "customers");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.closeGuard = Objects.requireNonNull(closeGuard, "closeGuard");
        this.invoices = Objects.requireNonNull(invoices, "invoices");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.invoicer = new PeriodInvoicer(catalog, customers, Objects.requireNonNull(usage, "usage"),
                Objects.requireNonNull(pendingCharges, "pendingCharges"),
                invoices, outbox, audit);
        this.periodCredits = new PeriodCredits(Objects.requireNonNull(credits, "credits"), audit);
        this.pusher = new InvoicePusher(Objects.requireNonNull(references, "references"),
                Objects.requireNonNull(provider, "provider"), tx, audit);
    }

    @Override
    public ClosePeriodResult close(ClosePeriodCommand command) {
        Objects.requireNonNull(command, "command");
        Instant now = clock.instant();
        Run run = new Run(command.actor());
        activateEndedTrials(now, run);
        pushUnpushed(run);
        finishLeftoverDrafts(now, run);
        closeEndedPeriods(now, run);
        return new ClosePeriodResult(run.created, run.alreadyInvoiced, run.failures);
    }

    // --- 0. trials that have ended

    private void activateEndedTrials(Instant now, Run run) {
        for (Subscription candidate : subscriptions.live()) {
            if (!trialEnded(candidate, now)) {
                continue;
            }
            try {
                tx.run(() -> subscriptions.find(candidate.id()).filter(s -> trialEnded(s, now))
                        .ifPresent(trialing -> activate(trialing, now, run.actor)));
            } catch (RuntimeException e) {
                boolean stillTrialing = subscriptions.find(candidate.id()).map(s -> trialEnded(s, now)).orElse(false);
                if (stillTrialing) {
                    run.fail("trial of subscription " + candidate.id(), e);
                } // else another writer (provider event, another instance) converted it first
            }
        }
    }

    private static boolean trialEnded(Subscription subscription, Instant now) {
        return subscription.status() == SubscriptionStatus.TRIALING
                && subscription.trialEnd().map(end -> !end.isAfter(now)).orElse(false);
    }

    /** In the caller's transaction: TRIALING -> ACTIVE, saved, audited and announced. */
    private Subscription activate(Subscription trialing, Instant now, Actor actor) {
        Subscription active = trialing.activate();
        subscriptions.save(active);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("subscription", active.id().value());
        data.put("plan", active.plan().value());
        data.put("status", active.status().name());
        data.put("trialEnd", trialing.trialEnd().orElseThrow().toString());
        audit.record(actor, "subscription.activated", active.customer(), data);
        OutboxEvents.append(outbox, "subscription.activated", active.id().value(), active.customer(), data, now);
        return active;
    }

    // --- 1. pushes that failed in earlier runs

    private void pushUnpushed(Run run) {
        for (Customer customer : customers.all()) {
            InvoiceStore.Filter open = new InvoiceStore.Filter(Optional.of(InvoiceStatus.OPEN), Optional.empty(),
                    Optional.empty());
            int offset = 0;
            while (true) {
                InvoiceStore.Page page = invoices.list(customer.id(), open, offset, settings.batchSize());
                page.items().stream().filter(pusher::needsPush).forEach(invoice -> push(invoice, run));
                offset += page.items().size();
                if (page.items().isEmpty() || offset >= page.total()) {
                    break;
                }
            }
        }
    }

    // --- 2. drafts a crashed run left behind

    private void finishLeftoverDrafts(Instant now, Run run) {
        Set<InvoiceId> failed = new HashSet<>();
        for (int i = 0; i < settings.batchSize(); i++) {
            AtomicReference<InvoiceId> claimed = new AtomicReference<>();
            try {
                Optional<Invoice> finished = tx.inTransaction(() -> {
                    Optional<Invoice> draft = invoices.claimDrafts(failed.size() + 1).stream()
                            .filter(d -> !failed.contains(d.id())).findFirst();
                    if (draft.isEmpty()) {
                        return Optional.<Invoice>empty();
                    }
                    claimed.set(draft.get().id());
                    closeGuard.close(draft.get().subscriptionId(), draft.get().periodStart());
                    return Optional.of(finalizeDraft(draft.get(), now, run.actor));
                });
                if (finished.isEmpty()) {
                    return;
                }
                run.created.add(finished.get().id());
                push(finished.get(), run);
            } catch (RuntimeException e) {
                if (claimed.get() == null) {
                    run.fail("claiming draft invoices", e);
                    return;
                }
                failed.add(claimed.get());
                run.fail("draft invoice " + claimed.get(), e);
            }
        }
    }

    // --- 3. periods that ended

    private void closeEndedPeriods(Instant now, Run run) {
        Instant cutoff = now.minus(settings.grace());
        Set<SubscriptionId> failed = new HashSet<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<Subscription> due = subscriptions.periodEndedBy(cutoff, settings.batchSize() + failed.size()).stream()
                    .filter(s -> !failed.contains(s.id())).limit(settings.batchSize()).toList();
            if (due.isEmpty()) {
                return;
            }
            for (Subscription subscription : due) {
                try {
                    closeOne(subscription, now, run);
                } catch (RuntimeException e) {
                    failed.add(subscription.id());
                    run.fail("subscription " + subscription.id(), e);
                }
            }
        }
    }

    private void closeOne(Subscription subscription, Instant now, Run run) {
        BillingPeriod period = subscription.currentPeriod();
        tx.run(() -> closeGuard.close(subscription.id(), period.start()));
        Closed closed = tx.inTransaction(() -> invoicePeriod(subscription.id(), period, now, run.actor));
        if (closed.alreadyInvoiced) {
            run.alreadyInvoiced++;
        }
        closed.finalizedNow.ifPresent(invoice -> {
            run.created.add(invoice.id());
            push(invoice, run);
        });
    }

    /** Inside one transaction: the period's invoice, inserted and finalized, or the one already there. */
    private Closed invoicePeriod(SubscriptionId id, BillingPeriod period, Instant now, Actor actor) {
        Subscription subscription = subscriptions.find(id).orElseThrow(() ->
                new BillingException(ErrorCode.NOT_FOUND, "subscription " + id + " not found"));
        Optional<Invoice> existing = invoices.findByPeriod(id, period.start());
        if (existing.isPresent()) {
            return ensureFinalized(existing.get(), now, actor);
        }
        if (!subscription.isLive() || !subscription.currentPeriod().equals(period)) {
            return new Closed(Optional.empty(), false);
        }
        Optional<Invoice> draft = invoicer.insertDraft(subscription, period);
        if (draft.isEmpty()) {
            Invoice other = invoices.findByPeriod(id, period.start()).orElseThrow(() -> new BillingException(
                    ErrorCode.CONFLICT, "invoice of " + id + " for " + period.start() + " was inserted concurrently"));
            return ensureFinalized(other, now, actor);
        }
        return new Closed(Optional.of(finalizeDraft(draft.get(), now, actor)), false);
    }

    private Closed ensureFinalized(Invoice existing, Instant now, Actor actor) {
        if (existing.status() == InvoiceStatus.DRAFT) {
            return new Closed(Optional.of(finalizeDraft(existing, now, actor)), true);
        }
        renewIfStillOn(existing, now, actor);
        return new Closed(Optional.empty(), true);
    }

    /** Finalizes a draft with the next number of its issue year, renews the subscription, announces it. */
    private Invoice finalizeDraft(Invoice draft, Instant now, Actor actor) {
        return invoicer.finalizeDraft(draft, now, actor, open -> renewIfStillOn(open, now, actor));
    }

    /**
     * Renews the invoice's subscription when it is still on the invoiced period (not yet renewed), activating
     * it first when it is still TRIALING after its trial ended.
     */
    private void renewIfStillOn(Invoice invoice, Instant now, Actor actor) {
        Optional<Subscription> found = subscriptions.find(invoice.subscriptionId());
        if (found.isEmpty() || !found.get().isLive()
                || !found.get().currentPeriod().start().equals(invoice.periodStart())) {
            return;
        }
        Subscription current = trialEnded(found.get(), now) ? activate(found.get(), now, actor) : found.get();
        Subscription renewed = current.renew();
        subscriptions.save(renewed);
        audit.record(actor, renewed.isLive() ? "subscription.renewed" : "subscription.cancelled",
                renewed.customer(), Map.of("subscription", renewed.id().value(), "plan", renewed.plan().value(),
                        "status", renewed.status().name(), "periodStart", renewed.currentPeriod().start().toString(),
                        "previousPlan", found.get().plan().value()));
        periodCredits.renewFor(renewed, catalog.requirePlan(renewed.plan()), now, actor);
    }

    private void push(Invoice invoice, Run run) {
        try {
            pusher.push(invoice, run.actor);
        } catch (RuntimeException e) {
            run.fail("invoice " + invoice.number().map(InvoiceNumber::toString).orElse(invoice.id().value())
                    + " (provider push)", e);
        }
    }

    /** What one transaction of period close did. */
    private record Closed(Optional<Invoice> finalizedNow, boolean alreadyInvoiced) {
    }

    /** The tally of one run. */
    private static final class Run {
        final Actor actor;
        final List<InvoiceId> created = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        int alreadyInvoiced;

        Run(Actor actor) {
            this.actor = actor;
        }

        void fail(String what, RuntimeException e) {
            String code = e instanceof BillingException be ? be.code().name() : e.getClass().getSimpleName();
            LOG.warn("period close: {} failed ({}): {}", what, code, e.getMessage());
            failures.add(what + ": " + code + ": " + e.getMessage());
        }
    }
}
