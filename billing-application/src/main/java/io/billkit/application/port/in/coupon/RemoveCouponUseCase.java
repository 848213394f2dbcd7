package io.billkit.application.port.in.coupon;

/**
 * Removes a redeemed coupon from a customer's subscription: it applies to no invoice drafted afterwards
 * (invoices already drafted keep their discount lines). The redemption still counts towards the coupon's
 * limit. Another customer's redemption, or an unknown one, is {@code NOT_FOUND}; removing a removed one
 * changes nothing. Audited {@code coupon.removed}.
 */
public interface RemoveCouponUseCase {
    AppliedDiscountView remove(RemoveCouponCommand command);
}
