package io.billkit.application.port.in.coupon;

/**
 * Creates a coupon. Plans and meters it is limited to must be in the catalog ({@code UNKNOWN_PLAN},
 * {@code UNKNOWN_METER}); a taken code is {@code CONFLICT}; a redeem-by in the past is
 * {@code INVALID_ARGUMENT}. Audited {@code coupon.created} (system-wide).
 */
public interface CreateCouponUseCase {
    CouponView create(CreateCouponCommand command);
}
