package io.billkit.application.port.in.coupon;

/**
 * Redeems a coupon for a customer's live subscription, from its next period invoice on (the period being
 * billed when the invoice is drafted). Refusals, each with nothing written: unknown coupon or no live
 * subscription {@code NOT_FOUND}; at or after its redeem-by {@code COUPON_EXPIRED}; its plan, currency or
 * meters do not fit the subscription {@code COUPON_NOT_APPLICABLE}; already active on the subscription
 * {@code CONFLICT}; its redemption limit reached {@code COUPON_EXHAUSTED} (exact under concurrency).
 * Audited {@code coupon.redeemed}.
 */
public interface ApplyCouponUseCase {
    AppliedDiscountView apply(ApplyCouponCommand command);
}
