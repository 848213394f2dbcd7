package io.billkit.application.port.out.provider;

import java.time.Instant;
import java.util.Objects;

/**
 * A subscription as the provider knows it.
 *
 * @param status the provider's status
 */
public record ProviderSubscription(String id, String customerId, String planCode, ProviderSubscriptionStatus status,
                                   Instant currentPeriodStart, Instant currentPeriodEnd, boolean cancelAtPeriodEnd) {
    public ProviderSubscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(planCode, "planCode");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(currentPeriodStart, "currentPeriodStart");
        Objects.requireNonNull(currentPeriodEnd, "currentPeriodEnd");
    }
}
