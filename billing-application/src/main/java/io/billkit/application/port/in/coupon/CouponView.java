package io.billkit.application.port.in.coupon;

import io.billkit.domain.coupon.Coupon;

import java.util.Objects;
import java.util.Optional;

/**
 * A coupon as the admin sees it: its terms, how many redemptions were claimed (removed ones included) and
 * how many are left ({@code empty} without a limit).
 */
public record CouponView(Coupon coupon, int timesRedeemed, Optional<Integer> redemptionsLeft) {
    public CouponView {
        Objects.requireNonNull(coupon, "coupon");
        Objects.requireNonNull(redemptionsLeft, "redemptionsLeft");
    }

    public static CouponView of(Coupon coupon, int timesRedeemed) {
        return new CouponView(coupon, timesRedeemed,
                coupon.maxRedemptions().map(max -> Math.max(0, max - timesRedeemed)));
    }
}
