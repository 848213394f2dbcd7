package io.billkit.application.inmemory;

import io.billkit.application.port.out.WebhookDelivery;
import io.billkit.application.port.out.WebhookDeliveryStatus;
import io.billkit.application.port.out.WebhookDeliveryStore;
import io.billkit.application.port.out.WebhookDeliveryTally;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link WebhookDeliveryStore} in memory; claims are serialized by the transaction lock. */
public final class InMemoryWebhookDeliveryStore implements WebhookDeliveryStore {
    private final InMemoryTransactions tx;
    private final Map<String, WebhookDelivery> deliveries = new LinkedHashMap<>();
    private final Map<String, io.billkit.application.port.out.WebhookDeliveryAttempt> attempts = new LinkedHashMap<>();

    public InMemoryWebhookDeliveryStore(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public boolean enqueue(WebhookDelivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        return tx.inTransaction(() -> {
            boolean exists = deliveries.containsKey(delivery.id()) || deliveries.values().stream().anyMatch(d ->
                    d.endpointId().equals(delivery.endpointId()) && d.eventId().equals(delivery.eventId()));
            if (exists) {
                return false;
            }
            tx.put(deliveries, delivery.id(), delivery);
            return true;
        });
    }

    @Override
    public List<WebhookDelivery> claimDue(Instant now, Instant leaseUntil, int limit) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        BillingException.require(limit >= 1, "limit must be at least 1 but was " + limit);
        return tx.inTransaction(() -> {
            List<WebhookDelivery> due = deliveries.values().stream()
                    .filter(d -> d.status() == WebhookDeliveryStatus.PENDING && !d.nextAttemptAt().orElseThrow().isAfter(now))
                    .sorted(Comparator.comparing((WebhookDelivery d) -> d.nextAttemptAt().orElseThrow())
                            .thenComparing(WebhookDelivery::createdAt).thenComparing(WebhookDelivery::id))
                    .limit(limit).toList();
            List<WebhookDelivery> claimed = new ArrayList<>();
            for (WebhookDelivery d : due) {
                WebhookDelivery leased = new WebhookDelivery(d.id(), d.endpointId(), d.eventId(), d.eventType(),
                        d.customerId(), d.body(), d.status(), d.attempts(), Optional.of(leaseUntil), d.lastStatusCode(),
                        d.lastError(), d.deliveredAt(), d.createdAt());
                tx.put(deliveries, d.id(), leased);
                claimed.add(d);
            }
            return List.copyOf(claimed);
        });
    }

    @Override
    public List<String> dueEndpoints(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        BillingException.require(limit >= 1, "limit must be at least 1 but was " + limit);
        return tx.read(() -> heads().values().stream()
                .filter(d -> !d.nextAttemptAt().orElseThrow().isAfter(now))
                .sorted(Comparator.comparing((WebhookDelivery d) -> d.nextAttemptAt().orElseThrow()))
                .limit(limit).map(WebhookDelivery::endpointId).toList());
    }

    @Override
    public Optional<WebhookDelivery> claimNext(String endpointId, Instant now, Instant leaseUntil) {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        return tx.inTransaction(() -> {
            WebhookDelivery head = heads().get(endpointId);
            if (head == null || head.nextAttemptAt().orElseThrow().isAfter(now)) {
                return Optional.empty();
            }
            tx.put(deliveries, head.id(), new WebhookDelivery(head.id(), head.endpointId(), head.eventId(),
                    head.eventType(), head.customerId(), head.body(), head.status(), head.attempts(),
                    Optional.of(leaseUntil), head.lastStatusCode(), head.lastError(), head.deliveredAt(),
                    head.createdAt()));
            return Optional.of(head);
        });
    }

    /** Per endpoint, its oldest PENDING delivery (insertion order is enqueue order). */
    private Map<String, WebhookDelivery> heads() {
        Map<String, WebhookDelivery> heads = new LinkedHashMap<>();
        for (WebhookDelivery d : deliveries.values()) {
            if (d.status() == WebhookDeliveryStatus.PENDING) {
                heads.putIfAbsent(d.endpointId(), d);
            }
        }
        return heads;
    }

    @Override
    public int pruneAttempts(Instant before) {
        Objects.requireNonNull(before, "before");
        return tx.inTransaction(() -> {
            List<String> old = attempts.values().stream().filter(a -> a.attemptedAt().isBefore(before))
                    .map(io.billkit.application.port.out.WebhookDeliveryAttempt::id).toList();
            old.forEach(id -> tx.remove(attempts, id));
            return old.size();
        });
    }

    @Override
    public void recordAttempt(WebhookDelivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        tx.inTransaction(() -> {
            if (!deliveries.containsKey(delivery.id())) {
                throw new BillingException(ErrorCode.NOT_FOUND, "webhook delivery " + delivery.id() + " not found");
            }
            return tx.put(deliveries, delivery.id(), delivery);
        });
    }

    @Override
    public Optional<WebhookDelivery> find(String id) {
        Objects.requireNonNull(id, "id");
        return tx.read(() -> Optional.ofNullable(deliveries.get(id)));
    }

    @Override
    public List<WebhookDelivery> forEvent(String eventId) {
        Objects.requireNonNull(eventId, "eventId");
        return tx.read(() -> deliveries.values().stream().filter(d -> d.eventId().equals(eventId))
                .sorted(Comparator.comparing(WebhookDelivery::createdAt).thenComparing(WebhookDelivery::id)).toList());
    }

    @Override
    public Map<String, WebhookDeliveryTally> tally(Collection<String> endpointIds) {
        Objects.requireNonNull(endpointIds, "endpointIds");
        return tx.read(() -> {
            Map<String, WebhookDeliveryTally> tallies = new LinkedHashMap<>();
            for (String endpoint : endpointIds) {
                List<WebhookDelivery> own = deliveries.values().stream()
                        .filter(d -> d.endpointId().equals(endpoint)).toList();
                long pending = own.stream().filter(d -> d.status() == WebhookDeliveryStatus.PENDING).count();
                long delivered = own.stream().filter(d -> d.status() == WebhookDeliveryStatus.DELIVERED).count();
                long dead = own.stream().filter(d -> d.status() == WebhookDeliveryStatus.DEAD).count();
                Optional<Instant> lastDelivered = own.stream().flatMap(d -> d.deliveredAt().stream())
                        .max(Comparator.naturalOrder());
                Optional<String> lastError = own.stream()
                        .filter(d -> d.status() != WebhookDeliveryStatus.DELIVERED && d.lastError().isPresent())
                        .max(Comparator.comparing(WebhookDelivery::createdAt).thenComparing(WebhookDelivery::id))
                        .flatMap(WebhookDelivery::lastError);
                tallies.put(endpoint, new WebhookDeliveryTally(pending, delivered, dead, lastDelivered, lastError));
            }
            return tallies;
        });
    }

    @Override
    public void logAttempt(io.billkit.application.port.out.WebhookDeliveryAttempt attempt) {
        Objects.requireNonNull(attempt, "attempt");
        tx.inTransaction(() -> tx.put(attempts, attempt.id(), attempt));
    }

    @Override
    public List<io.billkit.application.port.out.WebhookDeliveryAttempt> attempts(String endpointId, int limit) {
        Objects.requireNonNull(endpointId, "endpointId");
        BillingException.require(limit >= 1, "limit must be at least 1 but was " + limit);
        return tx.read(() -> {
            List<io.billkit.application.port.out.WebhookDeliveryAttempt> all = new ArrayList<>(attempts.values());
            java.util.Collections.reverse(all);
            return all.stream().filter(a -> a.endpointId().equals(endpointId))
                    .sorted(Comparator.comparing(io.billkit.application.port.out.WebhookDeliveryAttempt::attemptedAt)
                            .reversed())
                    .limit(limit).toList();
        });
    }
}
