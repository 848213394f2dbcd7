package io.billkit.application.service;

import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.credit.CreditLedger;
import io.billkit.domain.credit.CreditLedgerChange;
import io.billkit.domain.credit.CreditTransaction;
import io.billkit.domain.customer.CustomerId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A test-only {@link CreditLedgerStore}: ledgers by customer with the optimistic version check. Not transactional. */
final class TestCreditLedgerStore implements CreditLedgerStore {
    private final Map<CustomerId, CreditLedger> ledgers = new HashMap<>();
    private final List<CreditTransaction> history = new ArrayList<>();

    @Override
    public synchronized CreditLedger load(CustomerId customer) {
        return ledgers.getOrDefault(customer, CreditLedger.empty(customer));
    }

    @Override
    public synchronized void apply(long expectedVersion, CreditLedgerChange change) {
        CustomerId customer = change.ledger().customer();
        if (load(customer).version() != expectedVersion) {
            throw new BillingException(ErrorCode.CONFLICT, "ledger of " + customer + " moved on");
        }
        ledgers.put(customer, change.ledger());
        history.addAll(change.transactions());
    }

    @Override
    public synchronized List<CreditTransaction> transactions(CustomerId customer, int limit) {
        List<CreditTransaction> mine = new ArrayList<>(history.stream()
                .filter(t -> t.customer().equals(customer)).toList());
        java.util.Collections.reverse(mine);
        return mine.stream().limit(limit).toList();
    }

    @Override
    public synchronized List<CreditTransaction> transactionsByReference(CustomerId customer, String reference) {
        return history.stream().filter(t -> t.customer().equals(customer) && t.reference().equals(reference)).toList();
    }

    @Override
    public synchronized List<CustomerId> customersWithGrantsExpiringBy(Instant at, int limit) {
        return ledgers.values().stream()
                .filter(l -> l.grants().stream().anyMatch(g -> g.expiresAt().map(e -> !e.isAfter(at)).orElse(false)
                        && g.remaining().signum() > 0))
                .map(CreditLedger::customer).limit(limit).toList();
    }
}
