package io.billkit.application.port.in.coupon;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.coupon.CouponCode;
import io.billkit.domain.customer.CustomerId;

import java.util.Objects;

/** Redeem coupon {@code code} for {@code customer}'s live subscription. */
public record ApplyCouponCommand(CustomerId customer, CouponCode code, Actor actor) {
    public ApplyCouponCommand {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(actor, "actor");
    }
}
