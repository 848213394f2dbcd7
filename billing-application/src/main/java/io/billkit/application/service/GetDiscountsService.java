package io.billkit.application.service;

import io.billkit.application.port.in.coupon.AppliedDiscountView;
import io.billkit.application.port.in.coupon.GetDiscountsUseCase;
import io.billkit.application.port.out.CouponRedemptionStore;
import io.billkit.application.port.out.CouponStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.customer.CustomerId;

import java.util.List;
import java.util.Objects;

/** {@link GetDiscountsUseCase}: the customer's redemptions with their coupons, in one read transaction. */
public final class GetDiscountsService implements GetDiscountsUseCase {
    private final CouponStore coupons;
    private final CouponRedemptionStore redemptions;
    private final Transactions tx;

    public GetDiscountsService(CouponStore coupons, CouponRedemptionStore redemptions, Transactions tx) {
        this.coupons = Objects.requireNonNull(coupons, "coupons");
        this.redemptions = Objects.requireNonNull(redemptions, "redemptions");
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public List<AppliedDiscountView> discounts(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        return tx.inTransaction(() -> redemptions.ofCustomer(customer).stream()
                .map(r -> AppliedDiscountView.of(r, coupons.find(r.coupon()).map(CouponStore.StoredCoupon::coupon)
                        .orElseThrow(() -> new BillingException(ErrorCode.NOT_FOUND, "coupon " + r.coupon() + " not found"))))
                .toList());
    }
}
