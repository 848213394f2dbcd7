package io.billkit.application.inmemory;

import io.billkit.application.port.out.DunningStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.dunning.DunningAttempt;
import io.billkit.domain.dunning.DunningCase;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.subscription.SubscriptionId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** {@link DunningStore} in memory (rolled back with its transaction; transactions run one at a time). */
public final class InMemoryDunningStore implements DunningStore {
    private final InMemoryTransactions tx;
    private final Map<String, DunningCase> cases = new LinkedHashMap<>();
    private final Map<String, DunningAttempt> attempts = new LinkedHashMap<>();

    public InMemoryDunningStore(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public boolean insert(DunningCase dunning) {
        Objects.requireNonNull(dunning, "dunning");
        return tx.inTransaction(() -> {
            if (cases.containsKey(dunning.invoice().value())) {
                return false;
            }
            tx.put(cases, dunning.invoice().value(), dunning);
            return true;
        });
    }

    @Override
    public void update(DunningCase dunning) {
        Objects.requireNonNull(dunning, "dunning");
        tx.inTransaction(() -> {
            DunningCase stored = cases.get(dunning.invoice().value());
            if (stored == null || stored.version() != dunning.version() - 1) {
                throw new BillingException(ErrorCode.CONFLICT, "dunning of invoice " + dunning.invoice()
                        + " was changed concurrently");
            }
            tx.put(cases, dunning.invoice().value(), dunning);
            return null;
        });
    }

    @Override
    public Optional<DunningCase> find(InvoiceId invoice) {
        Objects.requireNonNull(invoice, "invoice");
        return tx.read(() -> Optional.ofNullable(cases.get(invoice.value())));
    }

    @Override
    public List<DunningCase> ofCustomer(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        return tx.read(() -> {
            List<DunningCase> found = new ArrayList<>(cases.values().stream()
                    .filter(c -> c.customer().equals(customer)).toList());
            java.util.Collections.reverse(found);
            found.sort(Comparator.comparing(DunningCase::startedAt).reversed());
            return List.copyOf(found);
        });
    }

    @Override
    public List<DunningCase> unresolvedOf(SubscriptionId subscription) {
        Objects.requireNonNull(subscription, "subscription");
        return tx.read(() -> cases.values().stream()
                .filter(c -> c.subscription().equals(subscription))
                .filter(c -> c.status().isUnresolved())
                .toList());
    }

    @Override
    public List<DunningCase> claimDue(Instant now, int limit, Set<InvoiceId> skip) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(skip, "skip");
        BillingException.require(limit >= 1, "limit must be at least 1 but was " + limit);
        return tx.read(() -> cases.values().stream()
                .filter(c -> c.status().isOpen())
                .filter(c -> !c.nextRetryAt().orElseThrow().isAfter(now))
                .filter(c -> !skip.contains(c.invoice()))
                .sorted(Comparator.comparing((DunningCase c) -> c.nextRetryAt().orElseThrow())
                        .thenComparing(c -> c.invoice().value()))
                .limit(limit)
                .toList());
    }

    @Override
    public boolean recordAttempt(DunningAttempt attempt) {
        Objects.requireNonNull(attempt, "attempt");
        String key = attempt.invoice().value() + "#" + attempt.number();
        return tx.inTransaction(() -> {
            if (attempts.containsKey(key)) {
                return false;
            }
            tx.put(attempts, key, attempt);
            return true;
        });
    }

    @Override
    public List<DunningAttempt> attempts(InvoiceId invoice) {
        Objects.requireNonNull(invoice, "invoice");
        return tx.read(() -> attempts.values().stream().filter(a -> a.invoice().equals(invoice))
                .sorted(Comparator.comparingInt(DunningAttempt::number)).toList());
    }
}
