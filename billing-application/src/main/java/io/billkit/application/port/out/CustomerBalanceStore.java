package io.billkit.application.port.out;

import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.money.Money;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * Each customer's money balance per currency (customer_balances, customer_balance_entries): credited by credit
 * notes settled to the balance, applied to the amount due of the customer's next invoices. Never below zero. This
 * is money, unlike the credit ledger ({@link CreditLedgerStore}), which counts credits (units).
 */
public interface CustomerBalanceStore {

    /** The customer's balance in {@code currency} (zero when none). */
    Money balance(CustomerId customer, Currency currency);

    /** Adds {@code amount} (positive) to the balance, recording {@code reference} (e.g. the credit note id). */
    void credit(CustomerId customer, Money amount, String reference, Instant at);

    /**
     * Takes {@code min(balance, upTo)} off the balance for {@code invoice} and records it; returns what was taken
     * (zero when the balance is empty). Atomic: two concurrent applications never take the same money.
     */
    Money apply(CustomerId customer, InvoiceId invoice, Money upTo, Instant at);

    /**
     * Gives back to the balance what it paid of {@code invoice} and has not given back yet (e.g. the invoice was
     * voided); returns that amount, zero when there is nothing (left) to give back. Atomic with {@link #apply}:
     * two concurrent calls never give the same money back twice.
     */
    Money giveBack(CustomerId customer, InvoiceId invoice, Currency currency, Instant at);

    /** What the balance paid of {@code invoice} (zero when nothing). */
    Money appliedTo(InvoiceId invoice, Currency currency);

    /** What the balance paid of each of {@code invoices} that it paid anything of (one query on PostgreSQL). */
    default java.util.Map<InvoiceId, Money> appliedTo(java.util.Collection<InvoiceId> invoices, Currency currency) {
        java.util.Map<InvoiceId, Money> applied = new java.util.HashMap<>();
        for (InvoiceId invoice : invoices) {
            Money amount = appliedTo(invoice, currency);
            if (amount.isPositive()) {
                applied.put(invoice, amount);
            }
        }
        return applied;
    }

    /** The customer's entries, newest first, at most {@code limit}. */
    List<Entry> entries(CustomerId customer, int limit);

    /**
     * One movement: {@code amount} positive for a credit, negative for an application; {@code reference} is the
     * credit note id or the invoice id.
     */
    record Entry(CustomerId customer, Money amount, String reference, Instant at) {
        public Entry {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A store with nothing in it that refuses credits: for wiring without customer balances. */
    CustomerBalanceStore NONE = new CustomerBalanceStore() {
        @Override
        public Money balance(CustomerId customer, Currency currency) {
            return Money.zero(currency);
        }

        @Override
        public void credit(CustomerId customer, Money amount, String reference, Instant at) {
            throw new UnsupportedOperationException("no customer balance store is wired");
        }

        @Override
        public Money apply(CustomerId customer, InvoiceId invoice, Money upTo, Instant at) {
            return Money.zero(upTo.currency());
        }

        @Override
        public Money giveBack(CustomerId customer, InvoiceId invoice, Currency currency, Instant at) {
            return Money.zero(currency);
        }

        @Override
        public Money appliedTo(InvoiceId invoice, Currency currency) {
            return Money.zero(currency);
        }

        @Override
        public List<Entry> entries(CustomerId customer, int limit) {
            return List.of();
        }
    };
}
