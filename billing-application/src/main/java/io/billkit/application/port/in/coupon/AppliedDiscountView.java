package io.billkit.application.port.in.coupon;

import io.billkit.domain.coupon.Coupon;
import io.billkit.domain.coupon.CouponRedemption;

import java.util.Objects;
import java.util.Optional;

/**
 * A coupon redeemed for a customer's subscription: the redemption, its coupon's terms, its status
 * ({@code ACTIVE}, {@code USED_UP}, {@code REMOVED}) and how many periods it still covers ({@code empty}
 * for a coupon that lasts forever).
 */
public record AppliedDiscountView(CouponRedemption redemption, Coupon coupon, CouponRedemption.Status status,
                                  Optional<Integer> periodsLeft) {
    public AppliedDiscountView {
        Objects.requireNonNull(redemption, "redemption");
        Objects.requireNonNull(coupon, "coupon");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(periodsLeft, "periodsLeft");
    }

    public static AppliedDiscountView of(CouponRedemption redemption, Coupon coupon) {
        CouponRedemption.Status status = redemption.status(coupon.duration());
        Optional<Integer> left = coupon.duration().kind() == io.billkit.domain.coupon.CouponDuration.Kind.FOREVER
                ? Optional.empty()
                : Optional.of(status == CouponRedemption.Status.REMOVED ? 0
                        : Math.max(0, coupon.duration().periods() - redemption.periodsApplied()));
        return new AppliedDiscountView(redemption, coupon, status, left);
    }
}
