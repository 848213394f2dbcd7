package io.billkit.application.port.out;

import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Subscriptions, with optimistic concurrency on {@link Subscription#version()}: every change made by the
 * domain adds one to the version, and {@link #save} only writes over the version it was derived from.
 */
public interface SubscriptionStore {
    /**
     * Inserts a new subscription (version 0) or updates one whose stored version is
     * {@code subscription.version() - 1}.
     *
     * @throws io.billkit.domain.BillingException CONFLICT when another writer changed it first, or when a
     *                                            version-0 subscription with this id already exists
     */
    void save(Subscription subscription);

    Optional<Subscription> find(SubscriptionId id);

    /** The customer's live subscription (TRIALING, ACTIVE or PAST_DUE), if any. */
    Optional<Subscription> findLive(CustomerId customer);

    /** The customer's most recently created subscription, live or not. */
    Optional<Subscription> findLatest(CustomerId customer);

    /** Live subscriptions whose current period ended at or before {@code cutoff}, oldest end first, at most {@code limit}. */
    List<Subscription> periodEndedBy(Instant cutoff, int limit);

    /**
     * Period close's work queue: live subscriptions whose current period ended at or before {@code cutoff},
     * oldest end first, at most {@code limit}, leaving out {@code skip} (those that failed earlier in the
     * run), claimed for the caller's transaction (PostgreSQL: an indexed {@code FOR UPDATE SKIP LOCKED}, so
     * concurrent closers get different subscriptions). Costs what is due, not what exists.
     */
    List<Subscription> claimPeriodEndedBy(Instant cutoff, int limit, Set<SubscriptionId> skip);

    /**
     * Trials to convert: TRIALING subscriptions whose trial ended at or before {@code now}, oldest first, at
     * most {@code limit}, leaving out {@code skip}, claimed for the caller's transaction like
     * {@link #claimPeriodEndedBy}.
     */
    List<Subscription> claimTrialsEndedBy(Instant now, int limit, Set<SubscriptionId> skip);

    /** All live subscriptions (reconciliation, alerts), ordered by id. */
    List<Subscription> live();

    /**
     * For each of {@code customers} that has a subscription: its live one, or else its most recently created
     * (the same choice as {@link #findLive} then {@link #findLatest}), in one read. Customers without any
     * subscription are absent from the map.
     */
    Map<CustomerId, Subscription> currentOf(Collection<CustomerId> customers);
}
