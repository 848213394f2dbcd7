package io.billkit.application.port.out;

import io.billkit.domain.coupon.CouponRedemption;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.subscription.SubscriptionId;

import java.util.List;
import java.util.Optional;

/** Coupons redeemed for customers' subscriptions (customer-owned rows). */
public interface CouponRedemptionStore {

    /** Inserts the redemption, or replaces the one with the same id. */
    void save(CouponRedemption redemption);

    /** The redemption {@code id} of {@code customer}; empty for another customer's (or none). */
    Optional<CouponRedemption> find(CustomerId customer, String id);

    /** Every redemption of {@code subscription} (removed and used-up ones included), oldest first. */
    List<CouponRedemption> ofSubscription(CustomerId customer, SubscriptionId subscription);

    /** Every redemption of {@code customer}, oldest first. */
    List<CouponRedemption> ofCustomer(CustomerId customer);
}
