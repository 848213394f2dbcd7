package io.billkit.application.inmemory;

import io.billkit.application.port.out.InvoiceStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceNumber;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.subscription.SubscriptionId;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link InvoiceStore} in memory. At most one invoice per (subscription, period start); the per-year
 * number sequence is written through {@link InMemoryTransactions}, so a rolled-back transaction gives
 * its number back and the sequence has no gaps. Transactions run one at a time, so a claimed draft is
 * never seen by another transaction while the claiming one runs.
 */
public final class InMemoryInvoiceStore implements InvoiceStore {
    private final InMemoryTransactions tx;
    private final Map<InvoiceId, Invoice> byId = new LinkedHashMap<>();
    private final Map<PeriodKey, InvoiceId> byPeriod = new HashMap<>();
    private final Map<Integer, Long> lastNumberByYear = new HashMap<>();
    // the due-work indexes (what PostgreSQL's partial indexes are): drafts, and open invoices awaiting their push
    private final Map<InvoiceId, Invoice> drafts = new LinkedHashMap<>();
    private final Map<InvoiceId, Invoice> awaitingPush = new LinkedHashMap<>();
    private final Map<InvoiceId, Boolean> pushed = new HashMap<>();
    private final Map<InvoiceId, java.time.Instant> pushLeases = new HashMap<>();

    public InMemoryInvoiceStore(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public boolean insertIfAbsent(Invoice invoice) {
        Objects.requireNonNull(invoice, "invoice");
        return tx.inTransaction(() -> {
            if (invoice.isThreshold()) {
                if (byId.containsKey(invoice.id())) {
                    return false;
                }
                tx.put(byId, invoice.id(), invoice);
                index(invoice);
                return true;
            }
            PeriodKey key = new PeriodKey(invoice.subscriptionId(), invoice.periodStart());
            if (byPeriod.containsKey(key)) {
                return false;
            }
            if (byId.containsKey(invoice.id())) {
                throw new BillingException(ErrorCode.CONFLICT, "invoice " + invoice.id() + " already exists");
            }
            tx.put(byId, invoice.id(), invoice);
            tx.put(byPeriod, key, invoice.id());
            index(invoice);
            return true;
        });
    }

    @Override
    public void update(Invoice invoice) {
        Objects.requireNonNull(invoice, "invoice");
        tx.run(() -> {
            Invoice stored = byId.get(invoice.id());
            if (stored == null) {
                throw new BillingException(ErrorCode.NOT_FOUND, "invoice " + invoice.id() + " not found");
            }
            BillingException.require(stored.subscriptionId().equals(invoice.subscriptionId())
                            && stored.periodStart().equals(invoice.periodStart()),
                    "invoice " + invoice.id() + ": subscription and period cannot change");
            tx.put(byId, invoice.id(), invoice);
            index(invoice);
        });
    }

    /** Inside a transaction: keeps the due-work indexes in step with the stored invoice. */
    private void index(Invoice invoice) {
        if (invoice.status() == InvoiceStatus.DRAFT) {
            tx.put(drafts, invoice.id(), invoice);
        } else if (drafts.containsKey(invoice.id())) {
            tx.remove(drafts, invoice.id());
        }
        boolean waits = invoice.status() == InvoiceStatus.OPEN && invoice.totals().total().isPositive()
                && !pushed.containsKey(invoice.id());
        if (waits) {
            tx.put(awaitingPush, invoice.id(), invoice);
        } else if (awaitingPush.containsKey(invoice.id())) {
            tx.remove(awaitingPush, invoice.id());
        }
    }

    @Override
    public List<Invoice> claimPushes(java.time.Instant now, java.time.Instant leaseUntil, int limit) {
        BillingException.require(limit > 0, "limit must be positive but was " + limit);
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        return tx.inTransaction(() -> {
            List<Invoice> claimed = awaitingPush.values().stream().filter(i -> unleased(i.id(), now)).limit(limit).toList();
            claimed.forEach(i -> tx.put(pushLeases, i.id(), leaseUntil));
            return claimed;
        });
    }

    @Override
    public boolean claimPush(InvoiceId id, java.time.Instant now, java.time.Instant leaseUntil) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        return tx.inTransaction(() -> {
            if (!awaitingPush.containsKey(id) || !unleased(id, now)) {
                return false;
            }
            tx.put(pushLeases, id, leaseUntil);
            return true;
        });
    }

    private boolean unleased(InvoiceId id, java.time.Instant now) {
        java.time.Instant lease = pushLeases.get(id);
        return lease == null || !lease.isAfter(now);
    }

    @Override
    public void releasePush(InvoiceId id) {
        Objects.requireNonNull(id, "id");
        tx.run(() -> {
            if (pushLeases.containsKey(id)) {
                tx.remove(pushLeases, id);
            }
        });
    }

    @Override
    public void markPushed(InvoiceId id) {
        Objects.requireNonNull(id, "id");
        tx.run(() -> {
            tx.put(pushed, id, Boolean.TRUE);
            if (awaitingPush.containsKey(id)) {
                tx.remove(awaitingPush, id);
            }
        });
    }

    @Override
    public Optional<Invoice> find(InvoiceId id) {
        return tx.read(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public Optional<Invoice> findByPeriod(SubscriptionId subscription, LocalDate periodStart) {
        return tx.read(() -> Optional.ofNullable(byPeriod.get(new PeriodKey(subscription, periodStart)))
                .map(byId::get));
    }

    @Override
    public List<Invoice> thresholdInvoices(SubscriptionId subscription, LocalDate periodStart) {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(periodStart, "periodStart");
        return tx.read(() -> byId.values().stream()
                .filter(i -> i.isThreshold() && i.subscriptionId().equals(subscription) && i.periodStart().equals(periodStart))
                .toList());
    }

    @Override
    public InvoiceNumber nextNumber(int year) {
        return tx.inTransaction(() -> {
            long next = lastNumberByYear.getOrDefault(year, 0L) + 1;
            InvoiceNumber number = InvoiceNumber.of(year, next);
            tx.put(lastNumberByYear, year, next);
            return number;
        });
    }

    @Override
    public List<Invoice> claimDrafts(int limit) {
        BillingException.require(limit > 0, "limit must be positive but was " + limit);
        return tx.read(() -> drafts.values().stream().limit(limit).toList());
    }

    @Override
    public Page list(CustomerId customer, Filter filter, int offset, int limit) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(filter, "filter");
        BillingException.require(offset >= 0, "offset must not be negative but was " + offset);
        BillingException.require(limit > 0, "limit must be positive but was " + limit);
        return tx.read(() -> {
            List<Invoice> newestFirst = new java.util.ArrayList<>(byId.values());
            java.util.Collections.reverse(newestFirst);
            List<Invoice> matching = newestFirst.stream()
                    .filter(i -> i.customerId().equals(customer))
                    .filter(i -> filter.status().map(s -> i.status() == s).orElse(true))
                    .filter(i -> filter.from().map(from -> !i.periodStart().isBefore(from)).orElse(true))
                    .filter(i -> filter.to().map(to -> !i.periodStart().isAfter(to)).orElse(true))
                    .sorted(Comparator.comparing(Invoice::periodStart).reversed()) // stable: newest first within a period
                    .toList();
            List<Invoice> page = matching.stream().skip(offset).limit(limit).toList();
            return new Page(page, matching.size());
        });
    }

    private record PeriodKey(SubscriptionId subscription, LocalDate periodStart) {
    }
}
