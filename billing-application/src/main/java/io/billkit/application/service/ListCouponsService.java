package io.billkit.application.service;

import io.billkit.application.port.in.coupon.CouponView;
import io.billkit.application.port.in.coupon.ListCouponsUseCase;
import io.billkit.application.port.out.CouponStore;

import java.util.List;
import java.util.Objects;

/** {@link ListCouponsUseCase} on the {@link CouponStore}. */
public final class ListCouponsService implements ListCouponsUseCase {
    private final CouponStore coupons;

    public ListCouponsService(CouponStore coupons) {
        this.coupons = Objects.requireNonNull(coupons, "coupons");
    }

    @Override
    public List<CouponView> list() {
        return coupons.list().stream().map(s -> CouponView.of(s.coupon(), s.timesRedeemed())).toList();
    }
}
