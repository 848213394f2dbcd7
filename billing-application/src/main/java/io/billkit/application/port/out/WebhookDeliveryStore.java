package io.billkit.application.port.out;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Outbound webhook deliveries and their retry state. */
public interface WebhookDeliveryStore {

    /**
     * Adds {@code delivery} unless one for the same (endpoint, event) exists; returns whether it was added.
     * A duplicate never fails the surrounding transaction.
     */
    boolean enqueue(WebhookDelivery delivery);

    /**
     * Claims up to {@code limit} PENDING deliveries due at {@code now} (oldest due first), and moves their
     * {@code nextAttemptAt} to {@code leaseUntil} so that no other worker claims them while they are being sent
     * (if this worker dies, they come due again then). Call it inside a transaction; on PostgreSQL the rows are
     * selected {@code FOR UPDATE SKIP LOCKED}, so concurrent workers claim disjoint sets.
     */
    List<WebhookDelivery> claimDue(Instant now, Instant leaseUntil, int limit);

    /**
     * The endpoints whose oldest PENDING delivery (in enqueue order) is due at {@code now}: the lanes a relay run
     * has work for. At most {@code limit}, oldest due first.
     */
    List<String> dueEndpoints(Instant now, int limit);

    /**
     * Claims the oldest PENDING delivery of {@code endpointId} (in enqueue order) if it is due at {@code now},
     * leasing it until {@code leaseUntil}; empty when the endpoint has none, when its oldest is not due (waiting
     * for a retry, or leased by another worker), or when another worker is claiming for this endpoint right now.
     * A later delivery of the endpoint is never claimed while an earlier one is PENDING, so deliveries to one
     * endpoint are attempted strictly in order, one at a time, across every worker sharing the store. Call it
     * inside a transaction (PostgreSQL: the endpoint row is locked {@code FOR UPDATE SKIP LOCKED}).
     */
    Optional<WebhookDelivery> claimNext(String endpointId, Instant now, Instant leaseUntil);

    /** Deletes the delivery-log entries attempted before {@code before}; returns how many. */
    int pruneAttempts(Instant before);

    /** Stores the outcome of an attempt ({@link WebhookDelivery#delivered} or {@link WebhookDelivery#failed}). */
    void recordAttempt(WebhookDelivery delivery);

    Optional<WebhookDelivery> find(String id);

    /** Every delivery of an event, oldest first. */
    List<WebhookDelivery> forEvent(String eventId);

    /** The tally of each endpoint's deliveries, in one read; endpoints without any map to {@link WebhookDeliveryTally#NONE}. */
    Map<String, WebhookDeliveryTally> tally(Collection<String> endpointIds);

    /** Appends an entry to the delivery log (call it in the transaction that records the attempt). */
    void logAttempt(WebhookDeliveryAttempt attempt);

    /** The newest {@code limit} entries of an endpoint's delivery log, newest first. */
    List<WebhookDeliveryAttempt> attempts(String endpointId, int limit);
}
