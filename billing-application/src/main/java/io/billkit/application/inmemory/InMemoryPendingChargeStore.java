package io.billkit.application.inmemory;

import io.billkit.application.port.out.PendingChargeStore;
import io.billkit.domain.subscription.SubscriptionId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@link PendingChargeStore} in memory. */
public final class InMemoryPendingChargeStore implements PendingChargeStore {
    private final InMemoryTransactions tx;
    private final Map<String, PendingCharge> byId = new LinkedHashMap<>();

    public InMemoryPendingChargeStore(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void add(PendingCharge charge) {
        tx.run(() -> {
            if (!byId.containsKey(charge.id())) {
                tx.put(byId, charge.id(), charge);
            }
        });
    }

    @Override
    public List<PendingCharge> take(SubscriptionId subscription, Instant until) {
        return tx.inTransaction(() -> {
            List<PendingCharge> taken = new ArrayList<>(peek(subscription).stream()
                    .filter(c -> c.createdAt().isBefore(until)).toList());
            taken.forEach(c -> tx.remove(byId, c.id()));
            return List.copyOf(taken);
        });
    }

    @Override
    public List<PendingCharge> peek(SubscriptionId subscription) {
        return tx.read(() -> byId.values().stream().filter(c -> c.subscription().equals(subscription))
                .sorted(Comparator.comparing(PendingCharge::createdAt)).toList());
    }
}
