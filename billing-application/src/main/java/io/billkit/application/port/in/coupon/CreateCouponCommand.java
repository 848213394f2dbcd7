package io.billkit.application.port.in.coupon;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.coupon.CouponCode;
import io.billkit.domain.coupon.CouponDuration;
import io.billkit.domain.coupon.Discount;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Create a coupon (admin): the terms of {@link io.billkit.domain.coupon.Coupon}, created now. */
public record CreateCouponCommand(CouponCode code, String name, Discount discount, CouponDuration duration,
                                  Set<PlanCode> plans, Set<MeterKey> meters, Optional<Integer> maxRedemptions,
                                  Optional<Instant> redeemBy, Actor actor) {
    public CreateCouponCommand {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(discount, "discount");
        Objects.requireNonNull(duration, "duration");
        plans = Set.copyOf(Objects.requireNonNull(plans, "plans"));
        meters = Set.copyOf(Objects.requireNonNull(meters, "meters"));
        Objects.requireNonNull(maxRedemptions, "maxRedemptions");
        Objects.requireNonNull(redeemBy, "redeemBy");
        Objects.requireNonNull(actor, "actor");
    }
}
