package io.billkit.application.port.out;

import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.subscription.SubscriptionId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Charges waiting for a subscription's next invoice (pending invoice items), e.g. the proration of an
 * upgrade made mid-period. Period close takes them into the invoice in its transaction.
 */
public interface PendingChargeStore {
    void add(PendingCharge charge);

    /** Removes and returns the subscription's pending charges created before {@code until}, oldest first. */
    List<PendingCharge> take(SubscriptionId subscription, Instant until);

    /** The subscription's pending charges, oldest first, without removing them. */
    List<PendingCharge> peek(SubscriptionId subscription);

    /**
     * @param id        unique id (idempotent add)
     * @param line      a proration or adjustment line, already rounded
     * @param createdAt when it was incurred
     */
    record PendingCharge(String id, SubscriptionId subscription, InvoiceLine line, Instant createdAt) {
        public PendingCharge {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(subscription, "subscription");
            Objects.requireNonNull(line, "line");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }
}
