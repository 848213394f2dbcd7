package io.billkit.application.inmemory;

import io.billkit.application.port.out.PeriodCloseGuard;
import io.billkit.domain.subscription.SubscriptionId;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link PeriodCloseGuard} in memory. In-memory transactions already run one at a time, so a usage write
 * and a close can never interleave; the closed marks are undone with a rolled-back transaction.
 */
public final class InMemoryPeriodCloseGuard implements PeriodCloseGuard {
    private final InMemoryTransactions tx;
    private final Map<String, Boolean> closed = new HashMap<>();

    public InMemoryPeriodCloseGuard(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public boolean isClosed(SubscriptionId subscription, LocalDate periodStart) {
        return tx.read(() -> closed.containsKey(key(subscription, periodStart)));
    }

    @Override
    public boolean close(SubscriptionId subscription, LocalDate periodStart) {
        return tx.inTransaction(() -> tx.put(closed, key(subscription, periodStart), Boolean.TRUE) == null);
    }

    private static String key(SubscriptionId subscription, LocalDate periodStart) {
        return subscription.value() + "|" + periodStart;
    }
}
