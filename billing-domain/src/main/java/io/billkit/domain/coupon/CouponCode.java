package io.billkit.domain.coupon;

import io.billkit.domain.BillingException;

import java.util.Objects;

/**
 * A coupon's code, what a customer or an admin types, e.g. {@code LAUNCH20}: upper-case letters, digits,
 * {@code _} and {@code -}, 1..64 characters. Codes are unique per BillKit installation.
 */
public record CouponCode(String value) {
    public CouponCode {
        Objects.requireNonNull(value, "couponCode");
        BillingException.require(value.matches("[A-Z0-9][A-Z0-9_-]{0,63}"),
                "coupon code must be upper-case letters, digits, _ or - (1..64, starting with a letter or digit) but was '"
                        + value + "'");
    }

    public static CouponCode of(String value) {
        return new CouponCode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
