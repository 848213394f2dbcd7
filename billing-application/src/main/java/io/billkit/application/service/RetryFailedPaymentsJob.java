package io.billkit.application.service;

import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.subscription.CancelSubscriptionCommand;
import io.billkit.application.port.in.subscription.CancelSubscriptionUseCase;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.provider.ProviderInvoice;
import io.billkit.application.port.out.provider.ProviderInvoiceStatus;
import io.billkit.application.port.out.provider.ProviderInvoices;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.dunning.DunningAttempt;
import io.billkit.domain.dunning.DunningAttemptOutcome;
import io.billkit.domain.dunning.DunningCase;
import io.billkit.domain.dunning.DunningFinalAction;
import io.billkit.domain.dunning.DunningStatus;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.subscription.Subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Dunning's due work, one more {@link PeriodCloseJob}: retries the payments whose retry is due, one case per round.
 * <ol>
 *   <li>Claim (one transaction): a RETRYING case due at {@code now} from {@link
 *       io.billkit.application.port.out.DunningStore#claimDue} ({@code FOR UPDATE SKIP LOCKED}: two replicas take
 *       different cases); its next retry is moved {@link #LEASE} ahead, so while the attempt is in flight nobody else
 *       claims it, and if this process dies the attempt is due again after the lease, under the same number.</li>
 *   <li>Attempt (no transaction open): the provider is asked to pay the invoice again with the idempotency key
 *       {@code dunning-<invoice>-retry-<n>}: one key per attempt, so a repeated attempt never charges twice.</li>
 *   <li>Record (one transaction): the attempt is stored once per (invoice, number), with its audit entry
 *       {@code dunning.retry} and outbox event {@code invoice.payment_retried}; success marks the invoice PAID and
 *       restores the subscription; failure schedules the next retry ({@code invoice.payment_retry_scheduled}) or,
 *       after the last, takes the final action ({@code dunning.exhausted}).</li>
 * </ol>
 * A provider that does not answer ({@code PROVIDER_UNAVAILABLE}) is no attempt: it is tallied and the retry happens
 * again when the lease ends. With CANCEL as the final action, the last failed retry leaves the case CANCELLING, its
 * cancel due after {@link #LEASE}; the subscription is cancelled through {@link CancelSubscriptionUseCase} (now, at
 * the provider too) after that transaction, and the case becomes EXHAUSTED. A cancel that fails (the provider is
 * down) or never returns is claimed again like a retry once the lease ends, until it is done; a payment before
 * that recovers the case and nothing is cancelled.
 */
final class RetryFailedPaymentsJob implements PeriodCloseJob {
    /** How long a claimed retry is held before it is due again (an attempt that never recorded its result). */
    static final Duration LEASE = Duration.ofMinutes(15);

    private final DunningCases dunning;
    private final ProviderReferenceStore references;
    private final ProviderInvoices provider;
    private final CancelSubscriptionUseCase cancel;
    private final Transactions tx;
    private final int maxItems;

    RetryFailedPaymentsJob(DunningCases dunning, ProviderReferenceStore references, ProviderInvoices provider,
                           CancelSubscriptionUseCase cancel, Transactions tx, int maxItems) {
        this.dunning = Objects.requireNonNull(dunning, "dunning");
        this.references = Objects.requireNonNull(references, "references");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.cancel = Objects.requireNonNull(cancel, "cancel");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.maxItems = maxItems;
    }

    @Override
    public void run(Instant now, PeriodCloseRun run) {
        Set<InvoiceId> failed = new HashSet<>();
        for (int i = 0; i < maxItems; i++) {
            Optional<Claim> claim;
            try {
                claim = tx.inTransaction(() -> {
                    List<DunningCase> due = dunning.store.claimDue(now, 1, failed);
                    if (due.isEmpty()) {
                        return Optional.<Claim>empty();
                    }
                    return Optional.of(lease(due.get(0), now));
                });
            } catch (RuntimeException e) {
                run.fail("claiming due payment retries", e);
                return;
            }
            if (claim.isEmpty()) {
                return;
            }
            try {
                attempt(claim.get(), now, run.actor());
            } catch (RuntimeException e) {
                failed.add(claim.get().invoice());
                run.fail("payment retry " + claim.get().number() + " of invoice " + claim.get().invoice(), e);
            }
        }
    }

    /** Inside the claiming transaction: holds the case for {@link #LEASE} and names the attempt. */
    Claim lease(DunningCase due, Instant now) {
        dunning.store.update(due.rescheduled(now.plus(LEASE)));
        return new Claim(due.invoice(), due.nextRetryNumber(), due.status() == DunningStatus.CANCELLING);
    }

    /** Attempts the claimed retry (or the final cancel) and records its outcome; returns the case afterwards. */
    DunningCase attempt(Claim claim, Instant now, Actor actor) {
        if (claim.finalCancel()) {
            DunningCase pending = dunning.store.find(claim.invoice()).orElseThrow();
            return finishCancel(pending, now, actor);
        }
        String providerInvoice = references.providerId(ProviderObjects.INVOICE_REF, claim.invoice().value())
                .orElseThrow(() -> new BillingException(ErrorCode.NOT_FOUND,
                        "invoice " + claim.invoice() + " is not at the payment provider"));
        DunningAttemptOutcome outcome;
        String detail;
        try {
            ProviderInvoice result = provider.payInvoice(providerInvoice,
                    "dunning-" + claim.invoice().value() + "-retry-" + claim.number());
            outcome = result.status() == ProviderInvoiceStatus.PAID ? DunningAttemptOutcome.SUCCEEDED
                    : DunningAttemptOutcome.FAILED;
            detail = result.status() == ProviderInvoiceStatus.PAID ? "paid" : "provider invoice is " + result.status();
        } catch (BillingException e) {
            if (e.code() == ErrorCode.PAYMENT_FAILED) {
                outcome = DunningAttemptOutcome.FAILED;
                detail = e.getCause() == null ? e.getMessage() : "declined by the payment provider";
            } else if (e.code() == ErrorCode.ILLEGAL_TRANSITION && paidMeanwhile(claim.invoice())) {
                outcome = DunningAttemptOutcome.SUCCEEDED;
                detail = "already paid";
            } else {
                throw e;
            }
        }
        DunningAttempt attempt = new DunningAttempt(claim.invoice(), claim.number(), now, outcome, detail);
        Recorded recorded = tx.inTransaction(() -> record(attempt, now, actor));
        if (recorded.after().status() == DunningStatus.CANCELLING) {
            return finishCancel(recorded.after(), now, actor);
        }
        return recorded.after();
    }

    /**
     * Cancels the subscription of a CANCELLING case (when it is still live) and marks the case EXHAUSTED; a payment
     * recorded meanwhile leaves it RECOVERED and cancels nothing. Throws when the cancel fails: the case stays
     * CANCELLING and is due again when its lease ends.
     */
    private DunningCase finishCancel(DunningCase pending, Instant now, Actor actor) {
        if (pending.status() != DunningStatus.CANCELLING) {
            return pending;
        }
        cancelSubscription(pending, actor);
        return tx.inTransaction(() -> {
            DunningCase current = dunning.store.find(pending.invoice()).orElseThrow();
            if (current.status() != DunningStatus.CANCELLING) {
                return current;
            }
            DunningCase done = current.cancelled(now);
            dunning.store.update(done);
            Map<String, String> data = DunningCases.base(done);
            data.put("retriesMade", Integer.toString(done.retriesMade()));
            dunning.audit().record(actor, "dunning.subscription_cancelled", done.customer(), data);
            return done;
        });
    }

    private boolean paidMeanwhile(InvoiceId invoice) {
        return dunning.invoices.find(invoice).map(i -> i.status() == InvoiceStatus.PAID).orElse(false);
    }

    private Recorded record(DunningAttempt attempt, Instant now, Actor actor) {
        DunningCase current = dunning.store.find(attempt.invoice()).orElseThrow(() ->
                new BillingException(ErrorCode.NOT_FOUND, "no dunning case for invoice " + attempt.invoice()));
        if (!dunning.store.recordAttempt(attempt)) {
            return new Recorded(current); // this attempt was recorded before (a replayed claim)
        }
        Map<String, String> data = DunningCases.base(current);
        data.put("retry", Integer.toString(attempt.number()));
        data.put("retries", Integer.toString(current.policy().retries()));
        data.put("outcome", attempt.outcome().name());
        data.put("detail", attempt.detail());
        dunningAudit(actor, current, data);
        OutboxEvents.append(outboxOf(), "invoice.payment_retried", current.invoice().value(), current.customer(), data, now);
        if (current.status() != DunningStatus.RETRYING || current.retriesMade() >= attempt.number()) {
            return new Recorded(current); // recovered or stopped meanwhile (e.g. the provider's paid event)
        }
        if (attempt.outcome() == DunningAttemptOutcome.SUCCEEDED) {
            DunningCase recovered = current.retrySucceeded(now);
            dunning.store.update(recovered);
            Invoice invoice = dunning.invoices.find(current.invoice()).orElseThrow();
            dunning.markInvoicePaid(invoice, now);
            dunning.paid(invoice, now, actor);
            return new Recorded(recovered);
        }
        boolean finalCancel = current.nextRetryIsLast() && current.policy().finalAction() == DunningFinalAction.CANCEL;
        DunningCase next = finalCancel ? current.retryFailedBeforeCancel(now, now.plus(LEASE)) : current.retryFailed(now);
        dunning.store.update(next);
        if (next.status() == DunningStatus.RETRYING) {
            dunning.scheduled(next, now);
            return new Recorded(next);
        }
        boolean cancel = dunning.exhausted(next, now, actor);
        if (next.status() == DunningStatus.CANCELLING && !cancel) {
            next = next.cancelled(now); // the subscription had ended anyway: nothing to cancel
            dunning.store.update(next);
        }
        return new Recorded(next);
    }

    private void dunningAudit(Actor actor, DunningCase current, Map<String, String> data) {
        dunning.audit().record(actor, "dunning.retry", current.customer(), data);
    }

    private Outbox outboxOf() {
        return dunning.outbox();
    }

    private void cancelSubscription(DunningCase exhausted, Actor actor) {
        Optional<Subscription> live = dunning.subscriptions.find(exhausted.subscription()).filter(Subscription::isLive);
        if (live.isPresent()) {
            cancel.cancel(new CancelSubscriptionCommand(exhausted.customer(), false, actor));
        }
    }

    /** A claimed retry: the invoice and the attempt's number; or, with {@code finalCancel}, the pending final cancel. */
    record Claim(InvoiceId invoice, int number, boolean finalCancel) {
    }

    private record Recorded(DunningCase after) {
    }
}
