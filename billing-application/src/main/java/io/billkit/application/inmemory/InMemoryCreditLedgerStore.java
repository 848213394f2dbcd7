package io.billkit.application.inmemory;

import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.credit.CreditLedger;
import io.billkit.domain.credit.CreditLedgerChange;
import io.billkit.domain.credit.CreditTransaction;
import io.billkit.domain.customer.CustomerId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link CreditLedgerStore} in memory, with the same optimistic version check as the PostgreSQL store.
 * Transactions of {@link InMemoryTransactions} run one at a time, so a load-debit-apply inside one
 * transaction never races another; outside a transaction the version check refuses the loser (CONFLICT).
 */
public final class InMemoryCreditLedgerStore implements CreditLedgerStore {
    private final InMemoryTransactions tx;
    private final Map<CustomerId, CreditLedger> ledgers = new HashMap<>();
    private final List<CreditTransaction> history = new ArrayList<>();

    public InMemoryCreditLedgerStore(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public CreditLedger load(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        return tx.read(() -> ledgers.getOrDefault(customer, CreditLedger.empty(customer)));
    }

    @Override
    public void apply(long expectedVersion, CreditLedgerChange change) {
        Objects.requireNonNull(change, "change");
        CreditLedger next = change.ledger();
        tx.run(() -> {
            CreditLedger stored = ledgers.get(next.customer());
            long storedVersion = stored == null ? 0 : stored.version();
            if (storedVersion != expectedVersion) {
                throw new BillingException(ErrorCode.CONFLICT, "credit ledger of customer " + next.customer()
                        + " moved to version " + storedVersion + " (expected " + expectedVersion + ")");
            }
            if (change.transactions().isEmpty()) {
                return;
            }
            tx.put(ledgers, next.customer(), next);
            change.transactions().forEach(t -> tx.append(history, t));
        });
    }

    @Override
    public List<CreditTransaction> transactions(CustomerId customer, int limit) {
        Objects.requireNonNull(customer, "customer");
        return tx.read(() -> {
            List<CreditTransaction> mine = new ArrayList<>(history.stream()
                    .filter(t -> t.customer().equals(customer)).toList());
            java.util.Collections.reverse(mine);
            return List.copyOf(mine.subList(0, Math.min(limit, mine.size())));
        });
    }

    @Override
    public List<CreditTransaction> transactionsByReference(CustomerId customer, String reference) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(reference, "reference");
        return tx.read(() -> history.stream()
                .filter(t -> t.customer().equals(customer) && t.reference().equals(reference)).toList());
    }

    @Override
    public List<CustomerId> customersWithGrantsExpiringBy(Instant at, int limit) {
        Objects.requireNonNull(at, "at");
        return tx.read(() -> ledgers.values().stream()
                .filter(ledger -> ledger.grants().stream().anyMatch(g -> g.isExpiredAt(at) && !g.isExhausted()))
                .map(CreditLedger::customer)
                .sorted(Comparator.comparing(CustomerId::value))
                .limit(limit).toList());
    }
}
