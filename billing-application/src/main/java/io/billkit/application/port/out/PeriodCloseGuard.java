package io.billkit.application.port.out;

import io.billkit.domain.subscription.SubscriptionId;

import java.time.LocalDate;

/**
 * Orders late usage against period close. Usage for a period is accepted until the period is closed;
 * closing waits for usage writes already in flight for that period, so no accepted event is left out of
 * the invoice and none arrives after it. Both methods join the caller's transaction (PostgreSQL: a shared
 * vs. an exclusive transaction-scoped lock on the period, then a durable "closed" mark).
 */
public interface PeriodCloseGuard {
    /** Inside a usage write: holds the period open until the caller's transaction ends; true when already closed. */
    boolean isClosed(SubscriptionId subscription, LocalDate periodStart);

    /**
     * Marks the period closed for usage (waiting for usage writes in flight). Returns false when it was
     * closed before.
     */
    boolean close(SubscriptionId subscription, LocalDate periodStart);
}
