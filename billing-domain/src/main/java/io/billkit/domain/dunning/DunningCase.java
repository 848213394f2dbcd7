package io.billkit.domain.dunning;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.subscription.SubscriptionId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The retries of one invoice's failed payment (at most one case per invoice): an immutable aggregate; every change
 * returns a new instance with {@code version + 1} (stores use it for optimistic locking).
 *
 * @param invoice      the unpaid invoice
 * @param subscription the invoice's subscription
 * @param customer     the invoice's customer
 * @param policy       the schedule and final action, fixed when the case starts (a later catalog change does not
 *                     move retries already scheduled)
 * @param startedAt    when the first failure was handled; retry days count from here
 * @param retriesMade  retries attempted so far, 0..{@code policy.retries()}
 * @param nextRetryAt  when the next retry (CANCELLING: the final cancel) is due; present exactly while RETRYING or
 *                     CANCELLING
 * @param status       where the case is
 * @param endedAt      when it left RETRYING or CANCELLING; present exactly when it did
 * @param version      0 on start, +1 per change
 */
public record DunningCase(InvoiceId invoice, SubscriptionId subscription, CustomerId customer, DunningPolicy policy,
                          Instant startedAt, int retriesMade, Optional<Instant> nextRetryAt, DunningStatus status,
                          Optional<Instant> endedAt, long version) {
    public DunningCase {
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(nextRetryAt, "nextRetryAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(endedAt, "endedAt");
        BillingException.require(retriesMade >= 0 && retriesMade <= policy.retries(),
                "dunning of " + invoice + ": retriesMade must be in 0.." + policy.retries() + " but was " + retriesMade);
        BillingException.require(nextRetryAt.isPresent() == status.isOpen(),
                "dunning of " + invoice + ": nextRetryAt must be present exactly while RETRYING or CANCELLING (status "
                        + status + ")");
        BillingException.require(endedAt.isPresent() != status.isOpen(),
                "dunning of " + invoice + ": endedAt must be present exactly once it is no longer RETRYING or CANCELLING");
        BillingException.require(version >= 0, "dunning of " + invoice + ": version must not be negative");
    }

    /** A new case for a payment that failed at {@code at}: the first retry is due on the schedule's first day. */
    public static DunningCase start(InvoiceId invoice, SubscriptionId subscription, CustomerId customer,
                                    DunningPolicy policy, Instant at) {
        Objects.requireNonNull(policy, "policy");
        return new DunningCase(invoice, subscription, customer, policy, at, 0, Optional.of(policy.retryAt(at, 1)),
                DunningStatus.RETRYING, Optional.empty(), 0);
    }

    /** The number the next retry gets (1-based). */
    public int nextRetryNumber() {
        return retriesMade + 1;
    }

    /** Whether the next retry is the schedule's last. */
    public boolean nextRetryIsLast() {
        return nextRetryNumber() == policy.retries();
    }

    /**
     * Retry {@link #nextRetryNumber()} failed at {@code at}: the next one is scheduled, or, after the last, the case is
     * EXHAUSTED (the caller takes {@link DunningPolicy#finalAction()}). For a final cancel see {@link
     * #retryFailedBeforeCancel}.
     */
    public DunningCase retryFailed(Instant at) {
        requireRetrying("record a failed retry");
        int made = retriesMade + 1;
        if (made == policy.retries()) {
            return new DunningCase(invoice, subscription, customer, policy, startedAt, made, Optional.empty(),
                    DunningStatus.EXHAUSTED, Optional.of(at), version + 1);
        }
        return new DunningCase(invoice, subscription, customer, policy, startedAt, made,
                Optional.of(policy.retryAt(startedAt, made + 1)), DunningStatus.RETRYING, Optional.empty(), version + 1);
    }

    /**
     * The last retry failed at {@code at} and the subscription must be cancelled: CANCELLING, the cancel due at
     * {@code cancelDue} (a lease while it is in flight, so a cancel that failed or never returned is due again then).
     */
    public DunningCase retryFailedBeforeCancel(Instant at, Instant cancelDue) {
        Objects.requireNonNull(cancelDue, "cancelDue");
        requireRetrying("record a failed last retry");
        BillingException.require(nextRetryIsLast(), "dunning of " + invoice + ": retry " + nextRetryNumber()
                + " of " + policy.retries() + " is not the last");
        BillingException.require(policy.finalAction() == DunningFinalAction.CANCEL,
                "dunning of " + invoice + ": the final action is " + policy.finalAction() + ", not CANCEL");
        return new DunningCase(invoice, subscription, customer, policy, startedAt, retriesMade + 1,
                Optional.of(cancelDue), DunningStatus.CANCELLING, Optional.empty(), version + 1);
    }

    /** The final cancel was done (or the subscription had ended anyway) at {@code at}: EXHAUSTED. */
    public DunningCase cancelled(Instant at) {
        if (status != DunningStatus.CANCELLING) {
            throw new BillingException(ErrorCode.ILLEGAL_TRANSITION,
                    "dunning of invoice " + invoice + ": cannot finish a cancel when " + status);
        }
        return new DunningCase(invoice, subscription, customer, policy, startedAt, retriesMade, Optional.empty(),
                DunningStatus.EXHAUSTED, Optional.of(at), version + 1);
    }

    /** Retry {@link #nextRetryNumber()} took the payment at {@code at}. */
    public DunningCase retrySucceeded(Instant at) {
        requireRetrying("record a successful retry");
        return new DunningCase(invoice, subscription, customer, policy, startedAt, retriesMade + 1, Optional.empty(),
                DunningStatus.RECOVERED, Optional.of(at), version + 1);
    }

    /**
     * The invoice was paid some other way at {@code at} (the customer, the provider): RECOVERED, also while the final
     * cancel is pending (the payment came first: no cancel).
     */
    public DunningCase recovered(Instant at) {
        if (status != DunningStatus.CANCELLING) {
            requireRetrying("recover");
        }
        return new DunningCase(invoice, subscription, customer, policy, startedAt, retriesMade, Optional.empty(),
                DunningStatus.RECOVERED, Optional.of(at), version + 1);
    }

    /** Paid after the retries ended (EXHAUSTED or STOPPED): RECOVERED; RETRYING: see {@link #recovered}. */
    public DunningCase paidLate(Instant at) {
        if (status == DunningStatus.RECOVERED) {
            return this;
        }
        return new DunningCase(invoice, subscription, customer, policy, startedAt, retriesMade, Optional.empty(),
                DunningStatus.RECOVERED, Optional.of(at), version + 1);
    }

    /** An admin stopped the retries at {@code at}: STOPPED, no final action. */
    public DunningCase stop(Instant at) {
        requireRetrying("stop");
        return new DunningCase(invoice, subscription, customer, policy, startedAt, retriesMade, Optional.empty(),
                DunningStatus.STOPPED, Optional.of(at), version + 1);
    }

    /**
     * The next retry moved to {@code until} without counting an attempt: a claim's lease while the attempt is in
     * flight (if the process dies, the attempt is due again then, under the same number), or "retry now".
     */
    public DunningCase rescheduled(Instant until) {
        Objects.requireNonNull(until, "until");
        if (status != DunningStatus.CANCELLING) {
            requireRetrying("reschedule");
        }
        return new DunningCase(invoice, subscription, customer, policy, startedAt, retriesMade, Optional.of(until),
                status, endedAt, version + 1);
    }

    private void requireRetrying(String action) {
        if (status != DunningStatus.RETRYING) {
            throw new BillingException(ErrorCode.ILLEGAL_TRANSITION,
                    "dunning of invoice " + invoice + ": cannot " + action + " when " + status);
        }
    }
}
