package io.billkit.application.port.out;

import io.billkit.domain.BillingException;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How an endpoint's deliveries stand, for operators.
 *
 * @param pending       deliveries waiting for their first or next attempt
 * @param delivered     deliveries the endpoint accepted (2xx)
 * @param dead          deliveries given up after {@link WebhookDelivery#MAX_ATTEMPTS} failed attempts
 * @param lastDelivered when the endpoint last accepted one
 * @param lastError     the last error of the most recently created delivery that is not delivered (pending
 *                      after a failed attempt, or dead), if any
 */
public record WebhookDeliveryTally(long pending, long delivered, long dead, Optional<Instant> lastDelivered,
                                   Optional<String> lastError) {
    public static final WebhookDeliveryTally NONE = new WebhookDeliveryTally(0, 0, 0, Optional.empty(),
            Optional.empty());

    public WebhookDeliveryTally {
        BillingException.require(pending >= 0 && delivered >= 0 && dead >= 0, "counts must be >= 0");
        Objects.requireNonNull(lastDelivered, "lastDelivered");
        Objects.requireNonNull(lastError, "lastError");
    }
}
