package io.billkit.application.service;

import io.billkit.application.port.out.CouponRedemptionStore;
import io.billkit.application.port.out.CouponStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.coupon.Coupon;
import io.billkit.domain.coupon.CouponRedemption;
import io.billkit.domain.subscription.Subscription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The coupons of a subscription's period invoice, for {@link PeriodInvoicer}: its redemptions that are ACTIVE
 * (not removed, their duration not used up), were redeemed before the period is billed until, and whose
 * coupon applies to the subscription's plan; in redemption order. Once the invoice is inserted,
 * {@link #markApplied} counts the period on each of them, in the invoice's transaction.
 */
final class SubscriptionDiscounts {
    private static final SubscriptionDiscounts NONE = new SubscriptionDiscounts(null, null);

    /** The coupons of one period's invoice and the redemptions they came from (same order). */
    record ForPeriod(List<Coupon> coupons, List<CouponRedemption> redemptions) {
        static final ForPeriod EMPTY = new ForPeriod(List.of(), List.of());
    }

    private final CouponStore coupons;
    private final CouponRedemptionStore redemptions;

    SubscriptionDiscounts(CouponStore coupons, CouponRedemptionStore redemptions) {
        this.coupons = coupons;
        this.redemptions = redemptions;
    }

    /** No coupons at all (for wirings without coupon stores). */
    static SubscriptionDiscounts none() {
        return NONE;
    }

    static SubscriptionDiscounts of(CouponStore coupons, CouponRedemptionStore redemptions) {
        return new SubscriptionDiscounts(Objects.requireNonNull(coupons, "coupons"),
                Objects.requireNonNull(redemptions, "redemptions"));
    }

    ForPeriod forPeriod(Subscription subscription, Plan plan, Instant billedUntil) {
        if (coupons == null) {
            return ForPeriod.EMPTY;
        }
        List<Coupon> applied = new ArrayList<>();
        List<CouponRedemption> from = new ArrayList<>();
        for (CouponRedemption redemption : redemptions.ofSubscription(subscription.customer(), subscription.id())) {
            if (!redemption.redeemedAt().isBefore(billedUntil)) {
                continue;
            }
            Coupon coupon = coupons.find(redemption.coupon()).map(CouponStore.StoredCoupon::coupon)
                    .orElseThrow(() -> new BillingException(ErrorCode.NOT_FOUND, "coupon " + redemption.coupon()
                            + " of redemption " + redemption.id() + " not found"));
            if (redemption.status(coupon.duration()) == CouponRedemption.Status.ACTIVE && coupon.appliesTo(plan)) {
                applied.add(coupon);
                from.add(redemption);
            }
        }
        return new ForPeriod(List.copyOf(applied), List.copyOf(from));
    }

    /** Counts the period on every redemption of {@code period}. */
    void markApplied(ForPeriod period) {
        if (coupons == null) {
            return;
        }
        period.redemptions().forEach(r -> redemptions.save(r.appliedOnce()));
    }

    Optional<CouponStore> store() {
        return Optional.ofNullable(coupons);
    }
}
