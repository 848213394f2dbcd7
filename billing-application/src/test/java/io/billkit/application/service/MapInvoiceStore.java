package io.billkit.application.service;

import io.billkit.application.port.out.InvoiceStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceNumber;
import io.billkit.domain.subscription.SubscriptionId;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A minimal {@link InvoiceStore} for the provider-event tests (the real in-memory invoice store is written
 * on another branch). Not transactional; {@link #failNextUpdate()} makes the next update throw, to prove
 * that a failed effect rolls the inbox mark back. Numbers are sequential per year (the final invoice of an
 * immediate cancel needs one).
 */
final class MapInvoiceStore implements InvoiceStore {
    private final Map<InvoiceId, Invoice> invoices = new ConcurrentHashMap<>();
    private final AtomicBoolean failNextUpdate = new AtomicBoolean();
    private final Map<Integer, Long> lastNumberByYear = new ConcurrentHashMap<>();

    void failNextUpdate() {
        failNextUpdate.set(true);
    }

    @Override
    public boolean insertIfAbsent(Invoice invoice) {
        return invoices.putIfAbsent(invoice.id(), invoice) == null;
    }

    @Override
    public void update(Invoice invoice) {
        if (failNextUpdate.getAndSet(false)) {
            throw new IllegalStateException("database went away (test)");
        }
        if (invoices.replace(invoice.id(), invoice) == null) {
            throw new BillingException(ErrorCode.NOT_FOUND, "invoice " + invoice.id() + " not found");
        }
    }

    @Override
    public Optional<Invoice> find(InvoiceId id) {
        return Optional.ofNullable(invoices.get(id));
    }

    @Override
    public Optional<Invoice> findByPeriod(SubscriptionId subscription, LocalDate periodStart) {
        return invoices.values().stream()
                .filter(i -> i.subscriptionId().equals(subscription) && i.periodStart().equals(periodStart)).findFirst();
    }

    @Override
    public InvoiceNumber nextNumber(int year) {
        return InvoiceNumber.of(year, lastNumberByYear.merge(year, 1L, Long::sum));
    }

    @Override
    public List<Invoice> claimDrafts(int limit) {
        throw new UnsupportedOperationException("not needed here");
    }

    @Override
    public Page list(CustomerId customer, Filter filter, int offset, int limit) {
        throw new UnsupportedOperationException("not needed here");
    }

    @Override
    public List<Invoice> claimPushes(java.time.Instant now, java.time.Instant leaseUntil, int limit) {
        return List.of();
    }

    @Override
    public boolean claimPush(InvoiceId id, java.time.Instant now, java.time.Instant leaseUntil) {
        return false;
    }

    @Override
    public void releasePush(InvoiceId id) {
    }

    @Override
    public void markPushed(InvoiceId id) {
    }
}
