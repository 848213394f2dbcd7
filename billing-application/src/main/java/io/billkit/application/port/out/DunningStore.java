package io.billkit.application.port.out;

import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.dunning.DunningAttempt;
import io.billkit.domain.dunning.DunningCase;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.subscription.SubscriptionId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Dunning cases (one per invoice whose payment failed) and their retry attempts (dunning_cases, dunning_attempts).
 * Every method joins the caller's transaction.
 */
public interface DunningStore {

    /** Stores a new case; false (nothing changes) when the invoice already has one, whatever its status. */
    boolean insert(DunningCase dunning);

    /**
     * Replaces the stored case with {@code dunning}, whose version must be the stored one plus one.
     *
     * @throws io.billkit.domain.BillingException CONFLICT when the stored version is not {@code version - 1}
     */
    void update(DunningCase dunning);

    Optional<DunningCase> find(InvoiceId invoice);

    /** The customer's cases, newest first. */
    List<DunningCase> ofCustomer(CustomerId customer);

    /**
     * The subscription's cases that are RETRYING, CANCELLING or EXHAUSTED (an unpaid invoice still chased or given up
     * on).
     */
    List<DunningCase> unresolvedOf(SubscriptionId subscription);

    /**
     * Up to {@code limit} RETRYING or CANCELLING cases whose next retry (or final cancel) is due at {@code now},
     * soonest first, without
     * {@code skip}; locked for the caller's transaction (PostgreSQL: {@code FOR UPDATE SKIP LOCKED}, so concurrent
     * runs on other replicas take other cases). Reads an index of due retries, never every case.
     */
    List<DunningCase> claimDue(Instant now, int limit, Set<InvoiceId> skip);

    /** Records an attempt once per (invoice, number): false when that attempt was recorded before. */
    boolean recordAttempt(DunningAttempt attempt);

    /** The invoice's attempts, oldest first. */
    List<DunningAttempt> attempts(InvoiceId invoice);
}
