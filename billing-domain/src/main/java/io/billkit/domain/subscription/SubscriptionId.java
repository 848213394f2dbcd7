package io.billkit.domain.subscription;

import io.billkit.domain.BillingException;

import java.util.Objects;
import java.util.UUID;

/** Identifies a subscription: 1..64 letters, digits, {@code _-}. */
public record SubscriptionId(String value) {
    public SubscriptionId {
        Objects.requireNonNull(value, "subscriptionId");
        BillingException.require(value.matches("[A-Za-z0-9_-]{1,64}"),
                "SubscriptionId must be 1..64 letters, digits, _ or - but was '" + value + "'");
    }

    public static SubscriptionId of(String value) {
        return new SubscriptionId(value);
    }

    /** A fresh random id. */
    public static SubscriptionId random() {
        return new SubscriptionId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
