package io.billkit.domain.coupon;

import io.billkit.domain.BillingException;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.subscription.SubscriptionId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A coupon redeemed for one customer's subscription: it applies to that subscription's period invoices in the
 * order of redemption, for the coupon's {@link CouponDuration} ({@code periodsApplied} counts the periods it
 * applied to so far), until it is used up or removed ({@code removedAt}). Removing never gives the redemption
 * back to the coupon's limit.
 *
 * @param id             {@code red_...}
 * @param periodsApplied periods whose invoice the coupon applied to, never negative
 */
public record CouponRedemption(String id, CouponCode coupon, CustomerId customer, SubscriptionId subscription,
                               Instant redeemedAt, int periodsApplied, Optional<Instant> removedAt) {
    /** Where a redemption stands. */
    public enum Status { ACTIVE, USED_UP, REMOVED }

    public CouponRedemption {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(coupon, "coupon");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(redeemedAt, "redeemedAt");
        Objects.requireNonNull(removedAt, "removedAt");
        BillingException.require(!id.isBlank(), "redemption id must not be blank");
        BillingException.require(periodsApplied >= 0, "periodsApplied must not be negative");
    }

    /** REMOVED once removed; USED_UP when {@code duration} covers no further period; ACTIVE otherwise. */
    public Status status(CouponDuration duration) {
        if (removedAt.isPresent()) {
            return Status.REMOVED;
        }
        return duration.coversNextPeriod(periodsApplied) ? Status.ACTIVE : Status.USED_UP;
    }

    /** This redemption after one more period. */
    public CouponRedemption appliedOnce() {
        return new CouponRedemption(id, coupon, customer, subscription, redeemedAt, periodsApplied + 1, removedAt);
    }

    /** This redemption removed at {@code at}. */
    public CouponRedemption removed(Instant at) {
        BillingException.require(removedAt.isEmpty(), "redemption " + id + " is already removed");
        return new CouponRedemption(id, coupon, customer, subscription, redeemedAt, periodsApplied,
                Optional.of(Objects.requireNonNull(at, "at")));
    }
}
