package io.billkit.application.port.in.coupon;

import io.billkit.domain.customer.CustomerId;

import java.util.List;

/** The coupons redeemed for {@code customer} (every status), oldest first. Reads only. */
public interface GetDiscountsUseCase {
    List<AppliedDiscountView> discounts(CustomerId customer);
}
