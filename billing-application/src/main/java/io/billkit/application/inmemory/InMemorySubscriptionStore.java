package io.billkit.application.inmemory;

import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;
import io.billkit.domain.subscription.SubscriptionStatus;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link SubscriptionStore} in memory, with the same optimistic version check as the PostgreSQL store.
 * Like the PostgreSQL store's indexes, it keeps the live subscription per customer and the live
 * subscriptions ordered by period end and by trial end, so period close's queues cost what is due. Transactions
 * run one at a time, so a claimed subscription is never seen by another transaction while the claiming one runs.
 */
public final class InMemorySubscriptionStore implements SubscriptionStore {
    private final InMemoryTransactions tx;
    private final Map<SubscriptionId, Subscription> byId = new LinkedHashMap<>();
    private final Map<CustomerId, SubscriptionId> liveByCustomer = new HashMap<>();
    private final NavigableMap<DueKey, Subscription> liveByPeriodEnd = new TreeMap<>();
    private final NavigableMap<DueKey, Subscription> trialsByEnd = new TreeMap<>();

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
            if (stored != null) {
                unindex(stored);
            }
            tx.put(byId, subscription.id(), subscription);
            index(subscription);
        });
    }

    private void index(Subscription s) {
        if (s.isLive()) {
            tx.put(liveByCustomer, s.customer(), s.id());
            tx.put(liveByPeriodEnd, new DueKey(s.currentPeriodEnd(), s.id().value()), s);
        }
        if (s.status() == SubscriptionStatus.TRIALING) {
            tx.put(trialsByEnd, new DueKey(s.trialEnd().orElseThrow(), s.id().value()), s);
        }
    }

    private void unindex(Subscription s) {
        if (s.isLive()) {
            if (s.id().equals(liveByCustomer.get(s.customer()))) {
                tx.remove(liveByCustomer, s.customer());
            }
            tx.remove(liveByPeriodEnd, new DueKey(s.currentPeriodEnd(), s.id().value()));
        }
        if (s.status() == SubscriptionStatus.TRIALING) {
            tx.remove(trialsByEnd, new DueKey(s.trialEnd().orElseThrow(), s.id().value()));
        }
    }

    @Override
    public Optional<Subscription> find(SubscriptionId id) {
        return tx.read(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public Optional<Subscription> findLive(CustomerId customer) {
        return tx.read(() -> Optional.ofNullable(liveByCustomer.get(customer)).map(byId::get));
    }

    @Override
    public Optional<Subscription> findLatest(CustomerId customer) {
        return tx.read(() -> byId.values().stream().filter(s -> s.customer().equals(customer))
                .max(Comparator.comparing(Subscription::createdAt)));
    }

    @Override
    public List<Subscription> periodEndedBy(Instant cutoff, int limit) {
        return claimPeriodEndedBy(cutoff, limit, Set.of());
    }

    @Override
    public List<Subscription> claimPeriodEndedBy(Instant cutoff, int limit, Set<SubscriptionId> skip) {
        return due(liveByPeriodEnd, cutoff, limit, skip);
    }

    @Override
    public List<Subscription> claimTrialsEndedBy(Instant now, int limit, Set<SubscriptionId> skip) {
        return due(trialsByEnd, now, limit, skip);
    }

    private List<Subscription> due(NavigableMap<DueKey, Subscription> index, Instant by, int limit,
                                   Set<SubscriptionId> skip) {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(skip, "skip");
        BillingException.require(limit >= 1, "limit must be at least 1 but was " + limit);
        return tx.read(() -> index.headMap(new DueKey(by, "\uffff"), true).values().stream()
                .filter(s -> !skip.contains(s.id())).limit(limit).toList());
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

    /** An index key: when the work is due, then the id (so keys are unique and ordered like PostgreSQL's). */
    private record DueKey(Instant at, String id) implements Comparable<DueKey> {
        @Override
        public int compareTo(DueKey other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : id.compareTo(other.id);
        }
    }
}
