package io.billkit.application.port.in.coupon;

import java.util.List;

/** Every coupon with its redemption count, oldest first. */
public interface ListCouponsUseCase {
    List<CouponView> list();
}
