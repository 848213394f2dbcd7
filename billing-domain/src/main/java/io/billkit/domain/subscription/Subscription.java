package io.billkit.domain.subscription;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.time.BillingPeriod;
import io.billkit.domain.time.BillingSchedule;
import io.billkit.domain.time.CustomerCalendar;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's subscription to a plan: an immutable aggregate. Every operation returns a new
 * instance with {@code version + 1} (stores use it for optimistic locking) or throws; an operation
 * that changes nothing (resuming a subscription with no scheduled cancel, scheduling a cancel twice)
 * returns {@code this} unchanged. Status changes follow {@link SubscriptionStatus}; an illegal one
 * throws {@link ErrorCode#ILLEGAL_TRANSITION}.
 *
 * <p>Plan changes: classify with {@link PlanChange#classify}, then {@link #upgradeNow} (charge the
 * {@link Proration}) or {@link #scheduleDowngrade} (applied by {@link #renew()}). Cancellation:
 * {@link #cancelNow} or {@link #scheduleCancelAtPeriodEnd()} (undone by {@link #resume()}, turned
 * into CANCELLED by {@link #renew()}).
 *
 * @param id                subscription id
 * @param customer          the subscribing customer
 * @param plan              the plan billed in the current period
 * @param status            life-cycle status
 * @param schedule          the billing schedule (anchor, interval, the customer's zone)
 * @param currentPeriod     the period being served now; always one of {@code schedule}'s periods
 * @param trialEnd          end of the trial, present when the subscription started with one (kept
 *                          after activation as history); always present while TRIALING
 * @param cancelAtPeriodEnd whether the subscription cancels when the current period ends; only
 *                          while TRIALING, ACTIVE or PAST_DUE
 * @param pendingPlan       a downgrade scheduled for the next period; never the current plan
 * @param cancelledAt       when it was cancelled; present exactly when it was cancelled
 * @param createdAt         when it was started
 * @param version           0 on start, +1 per change
 */
public record Subscription(SubscriptionId id, CustomerId customer, PlanCode plan, SubscriptionStatus status,
                           BillingSchedule schedule, BillingPeriod currentPeriod, Optional<Instant> trialEnd,
                           boolean cancelAtPeriodEnd, Optional<PlanCode> pendingPlan, Optional<Instant> cancelledAt,
                           Instant createdAt, long version) {

    public Subscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(currentPeriod, "currentPeriod");
        Objects.requireNonNull(trialEnd, "trialEnd");
        Objects.requireNonNull(pendingPlan, "pendingPlan");
        Objects.requireNonNull(cancelledAt, "cancelledAt");
        Objects.requireNonNull(createdAt, "createdAt");
        BillingException.require(version >= 0, "subscription " + id + ": version must not be negative");
        BillingException.require(currentPeriod.equals(schedule.period(currentPeriod.index())),
                "subscription " + id + ": current period " + currentPeriod + " is not a period of its schedule");
        BillingException.require(status != SubscriptionStatus.TRIALING || trialEnd.isPresent(),
                "subscription " + id + ": a TRIALING subscription needs a trialEnd");
        BillingException.require(trialEnd.map(end -> end.isAfter(createdAt)).orElse(true),
                "subscription " + id + ": trialEnd must be after createdAt");
        BillingException.require(status != SubscriptionStatus.CANCELLED || cancelledAt.isPresent(),
                "subscription " + id + ": a CANCELLED subscription needs cancelledAt");
        BillingException.require(cancelledAt.isEmpty() || !status.isLive(),
                "subscription " + id + ": cancelledAt is set but status is " + status);
        BillingException.require(!cancelAtPeriodEnd || status.isLive(),
                "subscription " + id + ": cancelAtPeriodEnd needs a live status but was " + status);
        BillingException.require(pendingPlan.isEmpty() || status.isLive(),
                "subscription " + id + ": a pending plan needs a live status but was " + status);
        BillingException.require(!pendingPlan.map(plan::equals).orElse(false),
                "subscription " + id + ": pending plan equals the current plan " + plan);
    }

    /**
     * Starts a subscription to {@code plan} at {@code at} for a customer in {@code zone}. The billing
     * anchor is the customer's local date of {@code at}; period 0 starts on it. With a trial the
     * status is TRIALING and the trial ends {@code plan.trialDays()} local days after {@code at} in
     * the zone (same wall-clock time, DST-safe); without one the status is ACTIVE.
     */
    public static Subscription start(SubscriptionId id, CustomerId customer, Plan plan, Instant at, ZoneId zone) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(zone, "zone");
        BillingSchedule schedule = new BillingSchedule(new CustomerCalendar(zone).localDate(at), plan.interval(), zone);
        Optional<Instant> trialEnd = plan.hasTrial()
                ? Optional.of(at.atZone(zone).plusDays(plan.trialDays()).toInstant())
                : Optional.empty();
        SubscriptionStatus status = plan.hasTrial() ? SubscriptionStatus.TRIALING : SubscriptionStatus.ACTIVE;
        return new Subscription(id, customer, plan.code(), status, schedule, schedule.period(0), trialEnd,
                false, Optional.empty(), Optional.empty(), at, 0);
    }

    /** TRIALING -> ACTIVE (the trial converted). */
    public Subscription activate() {
        requireStatus(SubscriptionStatus.TRIALING, SubscriptionStatus.ACTIVE);
        return withStatus(SubscriptionStatus.ACTIVE);
    }

    /** ACTIVE -> PAST_DUE (a payment failed). */
    public Subscription markPastDue() {
        requireStatus(SubscriptionStatus.ACTIVE, SubscriptionStatus.PAST_DUE);
        return withStatus(SubscriptionStatus.PAST_DUE);
    }

    /** PAST_DUE or UNPAID -> ACTIVE (the overdue payment came in). */
    public Subscription recover() {
        if (status == SubscriptionStatus.UNPAID) {
            return withStatus(SubscriptionStatus.ACTIVE);
        }
        requireStatus(SubscriptionStatus.PAST_DUE, SubscriptionStatus.ACTIVE);
        return withStatus(SubscriptionStatus.ACTIVE);
    }

    /** ACTIVE or PAST_DUE -> UNPAID (dunning's last retry failed and its final action marks it unpaid). */
    public Subscription markUnpaid() {
        return withStatus(status.transitionTo(SubscriptionStatus.UNPAID));
    }

    /** Cancels immediately at {@code at}: CANCELLED, with any scheduled cancel or downgrade dropped. */
    public Subscription cancelNow(Instant at) {
        Objects.requireNonNull(at, "at");
        SubscriptionStatus next = status.transitionTo(SubscriptionStatus.CANCELLED);
        BillingException.require(!at.isBefore(createdAt),
                "subscription " + id + ": cancel instant " + at + " is before its start " + createdAt);
        return new Subscription(id, customer, plan, next, schedule, currentPeriod, trialEnd, false,
                Optional.empty(), Optional.of(at), createdAt, version + 1);
    }

    /**
     * Schedules cancellation at the end of the current period ({@link #renew()} applies it). Named
     * so because the record accessor {@link #cancelAtPeriodEnd()} already returns the flag.
     * Idempotent; illegal once CANCELLED or EXPIRED.
     */
    public Subscription scheduleCancelAtPeriodEnd() {
        requireLive("schedule a cancel at period end");
        if (cancelAtPeriodEnd) {
            return this;
        }
        return new Subscription(id, customer, plan, status, schedule, currentPeriod, trialEnd, true,
                pendingPlan, cancelledAt, createdAt, version + 1);
    }

    /**
     * Undoes a scheduled cancel at period end. Does nothing when none is scheduled; illegal for a
     * CANCELLED or EXPIRED subscription (those are over; subscribe anew).
     */
    public Subscription resume() {
        requireLive("resume");
        if (!cancelAtPeriodEnd) {
            return this;
        }
        return new Subscription(id, customer, plan, status, schedule, currentPeriod, trialEnd, false,
                pendingPlan, cancelledAt, createdAt, version + 1);
    }

    /**
     * Schedules a move to {@code newPlan} at the next {@link #renew()}, replacing an earlier scheduled
     * one. Whether it is really a downgrade is the caller's check ({@link PlanChange#classify}).
     */
    public Subscription scheduleDowngrade(PlanCode newPlan) {
        Objects.requireNonNull(newPlan, "newPlan");
        requireLive("schedule a downgrade");
        requireOtherPlan(newPlan);
        return new Subscription(id, customer, plan, status, schedule, currentPeriod, trialEnd, cancelAtPeriodEnd,
                Optional.of(newPlan), cancelledAt, createdAt, version + 1);
    }

    /** Drops a scheduled downgrade; does nothing when none is scheduled. */
    public Subscription cancelPendingDowngrade() {
        if (pendingPlan.isEmpty()) {
            return this;
        }
        return new Subscription(id, customer, plan, status, schedule, currentPeriod, trialEnd, cancelAtPeriodEnd,
                Optional.empty(), cancelledAt, createdAt, version + 1);
    }

    /**
     * Switches to {@code newPlan} now, keeping the billing schedule and current period; a scheduled
     * downgrade is dropped. Charge the difference with {@link Proration}.
     */
    public Subscription upgradeNow(PlanCode newPlan) {
        Objects.requireNonNull(newPlan, "newPlan");
        requireLive("change plan");
        requireOtherPlan(newPlan);
        return new Subscription(id, customer, newPlan, status, schedule, currentPeriod, trialEnd, cancelAtPeriodEnd,
                Optional.empty(), cancelledAt, createdAt, version + 1);
    }

    /**
     * Closes the current period. With a scheduled cancel the subscription becomes CANCELLED at the
     * period's end instant (and stays on its last period); otherwise it moves to the next period,
     * switching to the pending plan if a downgrade was scheduled. The status is kept (a PAST_DUE
     * subscription stays PAST_DUE). Illegal once CANCELLED or EXPIRED.
     */
    public Subscription renew() {
        requireLive("renew");
        if (cancelAtPeriodEnd) {
            return new Subscription(id, customer, plan, status.transitionTo(SubscriptionStatus.CANCELLED), schedule,
                    currentPeriod, trialEnd, false, Optional.empty(), Optional.of(currentPeriodEnd()),
                    createdAt, version + 1);
        }
        return new Subscription(id, customer, pendingPlan.orElse(plan), status, schedule, schedule.next(currentPeriod),
                trialEnd, false, Optional.empty(), cancelledAt, createdAt, version + 1);
    }

    /** Any status but EXPIRED -> EXPIRED (terminal); scheduled changes are dropped. */
    public Subscription expire() {
        SubscriptionStatus next = status.transitionTo(SubscriptionStatus.EXPIRED);
        return new Subscription(id, customer, plan, next, schedule, currentPeriod, trialEnd, false,
                Optional.empty(), cancelledAt, createdAt, version + 1);
    }

    /** The first instant after the current period (where the next one starts). */
    public Instant currentPeriodEnd() {
        return currentPeriod.window().end();
    }

    /** Whether the subscription still runs (TRIALING, ACTIVE, PAST_DUE or UNPAID). */
    public boolean isLive() {
        return status.isLive();
    }

    private Subscription withStatus(SubscriptionStatus next) {
        return new Subscription(id, customer, plan, next, schedule, currentPeriod, trialEnd, cancelAtPeriodEnd,
                pendingPlan, cancelledAt, createdAt, version + 1);
    }

    private void requireStatus(SubscriptionStatus expected, SubscriptionStatus target) {
        status.transitionTo(target);
        if (status != expected) {
            throw new BillingException(ErrorCode.ILLEGAL_TRANSITION, "subscription " + id
                    + ": illegal transition from " + status + " to " + target + " (expected " + expected + ")");
        }
    }

    private void requireLive(String action) {
        if (!status.isLive()) {
            throw new BillingException(ErrorCode.ILLEGAL_TRANSITION,
                    "subscription " + id + ": cannot " + action + " from " + status);
        }
    }

    private void requireOtherPlan(PlanCode newPlan) {
        BillingException.require(!newPlan.equals(plan),
                "subscription " + id + " is already on plan " + plan);
    }
}
