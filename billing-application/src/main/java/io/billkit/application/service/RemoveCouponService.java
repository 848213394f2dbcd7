package io.billkit.application.service;

import io.billkit.application.port.in.coupon.AppliedDiscountView;
import io.billkit.application.port.in.coupon.RemoveCouponCommand;
import io.billkit.application.port.in.coupon.RemoveCouponUseCase;
import io.billkit.application.port.out.CouponRedemptionStore;
import io.billkit.application.port.out.CouponStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.coupon.Coupon;
import io.billkit.domain.coupon.CouponRedemption;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/** {@link RemoveCouponUseCase}: marks the redemption removed and audits {@code coupon.removed}. */
public final class RemoveCouponService implements RemoveCouponUseCase {
    private final CouponStore coupons;
    private final CouponRedemptionStore redemptions;
    private final Transactions tx;
    private final AuditTrail audit;
    private final Clock clock;

    public RemoveCouponService(CouponStore coupons, CouponRedemptionStore redemptions, Transactions tx,
                               AuditTrail audit, Clock clock) {
        this.coupons = Objects.requireNonNull(coupons, "coupons");
        this.redemptions = Objects.requireNonNull(redemptions, "redemptions");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public AppliedDiscountView remove(RemoveCouponCommand command) {
        Objects.requireNonNull(command, "command");
        return tx.inTransaction(() -> {
            CouponRedemption redemption = redemptions.find(command.customer(), command.redemptionId()).orElseThrow(() ->
                    new BillingException(ErrorCode.NOT_FOUND, "customer " + command.customer() + " has no coupon redemption "
                            + command.redemptionId()));
            Coupon coupon = coupons.find(redemption.coupon()).map(CouponStore.StoredCoupon::coupon).orElseThrow(() ->
                    new BillingException(ErrorCode.NOT_FOUND, "coupon " + redemption.coupon() + " not found"));
            if (redemption.removedAt().isPresent()) {
                return AppliedDiscountView.of(redemption, coupon);
            }
            CouponRedemption removed = redemption.removed(clock.instant());
            redemptions.save(removed);
            audit.record(command.actor(), "coupon.removed", command.customer(), Map.of("coupon", coupon.code().value(),
                    "redemption", removed.id(), "periodsApplied", String.valueOf(removed.periodsApplied())));
            return AppliedDiscountView.of(removed, coupon);
        });
    }
}
