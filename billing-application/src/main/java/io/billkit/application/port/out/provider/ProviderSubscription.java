package io.billkit.application.port.out.provider;

import java.time.Instant;
import java.util.Objects;

/**
 * A subscription as the provider knows it.
 *
 * @param status the provider's status word (e.g. {@code active}, {@code trialing}, {@code past_due}, {@code canceled})
 */
public record ProviderSubscription(String id, String customerId, String planCode, String status,
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
