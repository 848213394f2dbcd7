package io.billkit.application.port.out;

import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceNumber;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.subscription.SubscriptionId;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Invoices and their lines (invoices, invoice_lines), at most one {@link io.billkit.domain.invoice.InvoiceKind#PERIOD_END}
 * invoice per subscription and period start (and any number of threshold invoices, each with its own id), and
 * the per-year gapless invoice number sequence (invoice_number_sequences) that every invoice takes its number from.
 */
public interface InvoiceStore {
    /**
     * Inserts the invoice unless one exists with its id, or it is a period-end invoice and one exists for its
     * (subscription, period start).
     *
     * @return false when that invoice already exists (nothing written)
     */
    boolean insertIfAbsent(Invoice invoice);

    /** Replaces the stored invoice with the same id (status, lines, number, dates). NOT_FOUND when absent. */
    void update(Invoice invoice);

    Optional<Invoice> find(InvoiceId id);

    /** The period-end invoice of the subscription's period (threshold invoices are not returned). */
    Optional<Invoice> findByPeriod(SubscriptionId subscription, LocalDate periodStart);

    /**
     * The threshold invoices of the subscription's period, any status, in the order they were inserted. The
     * default is for stores that never hold any (progressive billing off); the shipped stores implement it.
     */
    default List<Invoice> thresholdInvoices(SubscriptionId subscription, LocalDate periodStart) {
        return List.of();
    }

    /**
     * The next number of {@code year}'s sequence, in the caller's transaction: if the transaction rolls
     * back the number is not used, so the sequence has no gaps. Numbers start at 1 each year.
     */
    InvoiceNumber nextNumber(int year);

    /**
     * DRAFT invoices not being worked on by another transaction, claimed for the caller's transaction
     * (PostgreSQL: {@code FOR UPDATE SKIP LOCKED}), oldest first, at most {@code limit}.
     */
    List<Invoice> claimDrafts(int limit);

    /**
     * Claims invoices waiting for their provider push: OPEN, a positive total, not {@linkplain #markPushed marked
     * pushed} and not leased (no lease, or one that ended at or before {@code now}); each claimed invoice is
     * leased until {@code leaseUntil}, oldest first, at most {@code limit}. The push is a network call made
     * outside any transaction, so the claim is a lease: on PostgreSQL the rows are selected {@code FOR UPDATE
     * SKIP LOCKED} (indexed) and the lease is written in the caller's transaction, so two replicas never claim
     * the same invoice, and a claimed invoice is not claimed again before its lease ends (a crashed pusher's
     * invoices come back after it).
     */
    List<Invoice> claimPushes(Instant now, Instant leaseUntil, int limit);

    /**
     * Claims one invoice for its push as {@link #claimPushes} does: false when it does not wait for a push
     * (pushed, not OPEN, zero total) or another pusher holds an unexpired lease on it.
     */
    boolean claimPush(InvoiceId id, Instant now, Instant leaseUntil);

    /** Ends the push lease of {@code id} (its push failed), so the next run may try it again at once. */
    void releasePush(InvoiceId id);

    /** Takes the invoice off the push queue for good (its provider invoice is linked, or it needs none). */
    void markPushed(InvoiceId id);

    /** One page of a customer's invoices, newest period first. */
    Page list(CustomerId customer, Filter filter, int offset, int limit);

    /**
     * @param status only this status, when present
     * @param from   only periods starting on or after this date
     * @param to     only periods starting on or before this date
     */
    record Filter(Optional<InvoiceStatus> status, Optional<LocalDate> from, Optional<LocalDate> to) {
        public Filter {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        public static Filter none() {
            return new Filter(Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** A page and the number of all invoices matching the filter. */
    record Page(List<Invoice> items, long total) {
        public Page {
            items = List.copyOf(Objects.requireNonNull(items, "items"));
        }
    }
}
