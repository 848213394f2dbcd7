package io.billkit.application.inmemory;

import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link SubscriptionStore} in memory, with the same optimistic version check as the PostgreSQL store. */
public final class InMemorySubscriptionStore implements SubscriptionStore {
    private final InMemoryTransactions tx;
    private final Map<SubscriptionId, Subscription> byId = new LinkedHashMap<>();

    public InMemorySubscriptionStore(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void save(Subscription subscription) {
        tx.run(() -> {
            Subscription stored = byId.get(subscription.id());
            if (stored == null && subscription.version() != 0) {
                throw new BillingException(ErrorCode.CONFLICT, "subscription " + subscription.id()
                        + " does not exist; only version 0 can be inserted");
            }
            if (stored != null && stored.version() != subscription.version() - 1) {
                throw new BillingException(ErrorCode.CONFLICT, "subscription " + subscription.id()
                        + " was changed concurrently (stored version " + stored.version() + ")");
            }
            if (stored == null && findLive(subscription.customer()).isPresent() && subscription.isLive()) {
                throw new BillingException(ErrorCode.CONFLICT, "customer " + subscription.customer()
                        + " already has a live subscription");
            }
            tx.put(byId, subscription.id(), subscription);
        });
    }

    @Override
    public Optional<Subscription> find(SubscriptionId id) {
        return tx.read(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public Optional<Subscription> findLive(CustomerId customer) {
        return tx.read(() -> byId.values().stream()
                .filter(s -> s.customer().equals(customer) && s.isLive()).findFirst());
    }

    @Override
    public Optional<Subscription> findLatest(CustomerId customer) {
        return tx.read(() -> byId.values().stream().filter(s -> s.customer().equals(customer))
                .max(Comparator.comparing(Subscription::createdAt)));
    }

    @Override
    public List<Subscription> periodEndedBy(Instant cutoff, int limit) {
        return tx.read(() -> byId.values().stream()
                .filter(Subscription::isLive)
                .filter(s -> !s.currentPeriod().window().end().isAfter(cutoff))
                .sorted(Comparator.comparing((Subscription s) -> s.currentPeriod().window().end())
                        .thenComparing(s -> s.id().value()))
                .limit(limit).toList());
    }

    @Override
    public List<Subscription> live() {
        return tx.read(() -> byId.values().stream().filter(Subscription::isLive)
                .sorted(Comparator.comparing(s -> s.id().value())).toList());
    }

    @Override
    public Map<CustomerId, Subscription> currentOf(Collection<CustomerId> customers) {
        Objects.requireNonNull(customers, "customers");
        return tx.read(() -> {
            Map<CustomerId, Subscription> current = new LinkedHashMap<>();
            for (CustomerId customer : customers) {
                findLive(customer).or(() -> findLatest(customer)).ifPresent(s -> current.put(customer, s));
            }
            return current;
        });
    }
}
