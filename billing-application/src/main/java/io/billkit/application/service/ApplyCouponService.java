package io.billkit.application.service;

import io.billkit.application.port.in.coupon.AppliedDiscountView;
import io.billkit.application.port.in.coupon.ApplyCouponCommand;
import io.billkit.application.port.in.coupon.ApplyCouponUseCase;
import io.billkit.application.port.out.CouponRedemptionStore;
import io.billkit.application.port.out.CouponStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.coupon.Coupon;
import io.billkit.domain.coupon.CouponRedemption;
import io.billkit.domain.subscription.Subscription;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ApplyCouponUseCase}: every check first, then the limit's atomic claim and the redemption in one
 * transaction, so a refused or failed redemption claims nothing.
 */
public final class ApplyCouponService implements ApplyCouponUseCase {
    private final CouponStore coupons;
    private final CouponRedemptionStore redemptions;
    private final SubscriptionStore subscriptions;
    private final Catalog catalog;
    private final Transactions tx;
    private final AuditTrail audit;
    private final Clock clock;

    public ApplyCouponService(CouponStore coupons, CouponRedemptionStore redemptions, SubscriptionStore subscriptions,
                              Catalog catalog, Transactions tx, AuditTrail audit, Clock clock) {
        this.coupons = Objects.requireNonNull(coupons, "coupons");
        this.redemptions = Objects.requireNonNull(redemptions, "redemptions");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private void requireNotActive(Coupon coupon, Subscription subscription) {
        boolean active = redemptions.ofSubscription(subscription.customer(), subscription.id()).stream()
                .anyMatch(r -> r.coupon().equals(coupon.code())
                        && r.status(coupon.duration()) == CouponRedemption.Status.ACTIVE);
        if (active) {
            throw new BillingException(ErrorCode.CONFLICT, "coupon " + coupon.code()
                    + " is already applied to subscription " + subscription.id());
        }
    }

    @Override
    public AppliedDiscountView apply(ApplyCouponCommand command) {
        Objects.requireNonNull(command, "command");
        return tx.inTransaction(() -> {
            Instant now = clock.instant();
            Coupon coupon = coupons.find(command.code()).map(CouponStore.StoredCoupon::coupon).orElseThrow(() ->
                    new BillingException(ErrorCode.NOT_FOUND, "coupon " + command.code() + " not found"));
            Subscription subscription = subscriptions.findLive(command.customer()).orElseThrow(() ->
                    new BillingException(ErrorCode.NOT_FOUND, "customer " + command.customer()
                            + " has no live subscription to apply coupon " + coupon.code() + " to"));
            coupon.requireRedeemableAt(now);
            coupon.requireApplicableTo(catalog.requirePlan(subscription.plan()));
            requireNotActive(coupon, subscription);
            if (!coupons.claimRedemption(coupon.code())) {
                throw new BillingException(ErrorCode.COUPON_EXHAUSTED, "coupon " + coupon.code() + " was redeemed "
                        + coupon.maxRedemptions().orElse(0) + " times, its limit");
            }
            // again after the claim: on PostgreSQL the claim waited for the coupon row's lock, so a concurrent
            // redemption of this coupon for this subscription has committed by now and is seen here
            requireNotActive(coupon, subscription);
            CouponRedemption redemption = new CouponRedemption("red_" + UUID.randomUUID().toString().replace("-", ""),
                    coupon.code(), command.customer(), subscription.id(), now, 0, Optional.empty());
            redemptions.save(redemption);
            Map<String, String> data = new LinkedHashMap<>();
            data.put("coupon", coupon.code().value());
            data.put("redemption", redemption.id());
            data.put("subscription", subscription.id().value());
            data.put("discount", coupon.discount().describe());
            audit.record(command.actor(), "coupon.redeemed", command.customer(), data);
            return AppliedDiscountView.of(redemption, coupon);
        });
    }
}
