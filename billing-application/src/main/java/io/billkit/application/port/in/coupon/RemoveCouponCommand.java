package io.billkit.application.port.in.coupon;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.customer.CustomerId;

import java.util.Objects;

/** Remove the redemption {@code redemptionId} of {@code customer}. */
public record RemoveCouponCommand(CustomerId customer, String redemptionId, Actor actor) {
    public RemoveCouponCommand {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(redemptionId, "redemptionId");
        Objects.requireNonNull(actor, "actor");
    }
}
