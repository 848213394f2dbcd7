package io.billkit.application.port.out;

import io.billkit.domain.coupon.Coupon;
import io.billkit.domain.coupon.CouponCode;

import java.util.List;
import java.util.Optional;

/**
 * Coupons and how often each was redeemed. Coupons belong to no customer (they are the seller's); the
 * redemption count is exact under concurrency: {@link #claimRedemption} never lets more redemptions through
 * than {@link Coupon#maxRedemptions()}.
 */
public interface CouponStore {

    /** A coupon and the number of redemptions claimed so far (removed ones included). */
    record StoredCoupon(Coupon coupon, int timesRedeemed) {
        public StoredCoupon {
            java.util.Objects.requireNonNull(coupon, "coupon");
            io.billkit.domain.BillingException.require(timesRedeemed >= 0, "timesRedeemed must not be negative");
        }
    }

    /** Inserts {@code coupon} with no redemptions; false (nothing written) when its code is taken. */
    boolean insert(Coupon coupon);

    Optional<StoredCoupon> find(CouponCode code);

    /** Every coupon, oldest first (then by code). */
    List<StoredCoupon> list();

    /**
     * Counts one more redemption of {@code code} when its limit allows it, atomically (a conditional
     * increment): true when counted, false when the limit is reached. An unknown code is false.
     */
    boolean claimRedemption(CouponCode code);
}
