package io.billkit.domain.coupon;

import io.billkit.domain.BillingException;

import java.util.Objects;

/**
 * For how many of a subscription's billing periods a redeemed coupon applies, counted from the first period
 * invoiced after the redemption: {@link Kind#ONCE} (one), {@link Kind#REPEATING} ({@code periods}, 1..120)
 * or {@link Kind#FOREVER}. A period counts when its invoice was drafted with the coupon applicable to the
 * subscription's plan (also when the discount came to zero, e.g. a meter coupon in a period without overage).
 *
 * @param periods the number of periods for {@code REPEATING}; 1 for {@code ONCE}; 0 for {@code FOREVER}
 */
public record CouponDuration(Kind kind, int periods) {
    /** How long a coupon lasts. */
    public enum Kind { ONCE, REPEATING, FOREVER }

    public static final int MAX_PERIODS = 120;

    public CouponDuration {
        Objects.requireNonNull(kind, "kind");
        switch (kind) {
            case ONCE -> BillingException.require(periods == 1, "a ONCE coupon lasts 1 period, not " + periods);
            case REPEATING -> BillingException.require(periods >= 1 && periods <= MAX_PERIODS,
                    "durationPeriods must be 1.." + MAX_PERIODS + " for a repeating coupon but was " + periods);
            case FOREVER -> BillingException.require(periods == 0, "a FOREVER coupon has no period count");
        }
    }

    public static CouponDuration once() {
        return new CouponDuration(Kind.ONCE, 1);
    }

    public static CouponDuration repeating(int periods) {
        return new CouponDuration(Kind.REPEATING, periods);
    }

    public static CouponDuration forever() {
        return new CouponDuration(Kind.FOREVER, 0);
    }

    /** Whether the coupon still applies to a period after it applied to {@code periodsApplied} periods. */
    public boolean coversNextPeriod(int periodsApplied) {
        BillingException.require(periodsApplied >= 0, "periodsApplied must not be negative");
        return kind == Kind.FOREVER || periodsApplied < periods;
    }
}
