package io.billkit.application.inmemory;

import io.billkit.application.port.out.CustomerBalanceStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.money.Money;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/** {@link CustomerBalanceStore} in memory: an append-only list of entries; the balance is their sum. */
public final class InMemoryCustomerBalanceStore implements CustomerBalanceStore {
    private final InMemoryTransactions tx;
    private final List<Entry> entries = new ArrayList<>();

    public InMemoryCustomerBalanceStore(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public Money balance(CustomerId customer, Currency currency) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(currency, "currency");
        return tx.read(() -> entries.stream()
                .filter(e -> e.customer().equals(customer) && e.amount().currency().equals(currency))
                .map(Entry::amount).reduce(Money.zero(currency), Money::plus));
    }

    @Override
    public void credit(CustomerId customer, Money amount, String reference, Instant at) {
        Objects.requireNonNull(amount, "amount");
        BillingException.require(amount.isPositive(), "a balance credit must be positive but was " + amount);
        tx.append(entries, new Entry(customer, amount, reference, at));
    }

    @Override
    public Money apply(CustomerId customer, InvoiceId invoice, Money upTo, Instant at) {
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(upTo, "upTo");
        return tx.inTransaction(() -> {
            Money applied = balance(customer, upTo.currency()).min(upTo.max(Money.zero(upTo.currency())));
            if (applied.isPositive()) {
                tx.append(entries, new Entry(customer, applied.negate(), invoice.value(), at));
            }
            return applied;
        });
    }

    @Override
    public Money giveBack(CustomerId customer, InvoiceId invoice, Currency currency, Instant at) {
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(currency, "currency");
        return tx.inTransaction(() -> {
            Money net = entries.stream()
                    .filter(e -> e.reference().equals(invoice.value()) && e.amount().currency().equals(currency))
                    .map(Entry::amount).reduce(Money.zero(currency), Money::plus);
            if (!net.isNegative()) {
                return Money.zero(currency);
            }
            tx.append(entries, new Entry(customer, net.negate(), invoice.value(), at));
            return net.negate();
        });
    }

    @Override
    public Money appliedTo(InvoiceId invoice, Currency currency) {
        Objects.requireNonNull(invoice, "invoice");
        return tx.read(() -> entries.stream()
                .filter(e -> e.reference().equals(invoice.value()) && e.amount().isNegative()
                        && e.amount().currency().equals(currency))
                .map(e -> e.amount().negate()).reduce(Money.zero(currency), Money::plus));
    }

    @Override
    public List<Entry> entries(CustomerId customer, int limit) {
        Objects.requireNonNull(customer, "customer");
        BillingException.require(limit >= 1 && limit <= 1000, "limit must be 1..1000 but was " + limit);
        return tx.read(() -> {
            List<Entry> mine = new ArrayList<>(entries.stream().filter(e -> e.customer().equals(customer)).toList());
            java.util.Collections.reverse(mine);
            return List.copyOf(mine.subList(0, Math.min(limit, mine.size())));
        });
    }
}
