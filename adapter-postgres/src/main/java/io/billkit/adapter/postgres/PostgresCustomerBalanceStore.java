package io.billkit.adapter.postgres;

import io.billkit.application.port.out.CustomerBalanceStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link CustomerBalanceStore} on {@code customer_balances} (one row per customer and currency, {@code CHECK amount >=
 * 0}) and {@code customer_balance_entries}. {@link #credit} is an upsert adding to the row; {@link #apply} locks the
 * row ({@code FOR UPDATE}), takes {@code LEAST(amount, upTo)} and records the entry, so concurrent applications queue
 * on the row and never take the same money.
 */
final class PostgresCustomerBalanceStore implements CustomerBalanceStore {
    private final JdbiTransactions tx;

    PostgresCustomerBalanceStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public Money balance(CustomerId customer, Currency currency) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(currency, "currency");
        BigDecimal amount = tx.withHandle(RowScope.customer(customer), h -> h.createQuery("""
                        SELECT amount FROM customer_balances WHERE customer_id = :customer AND currency = :currency""")
                .bind("customer", customer.value())
                .bind("currency", currency.getCurrencyCode())
                .mapTo(BigDecimal.class)
                .findOne()
                .orElse(BigDecimal.ZERO));
        return Money.of(amount, currency);
    }

    @Override
    public void credit(CustomerId customer, Money amount, String reference, Instant at) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(at, "at");
        BillingException.require(amount.isPositive(), "a balance credit must be positive but was " + amount);
        tx.useHandle(RowScope.customer(customer), h -> {
            h.createUpdate("""
                            INSERT INTO customer_balances (customer_id, currency, amount) VALUES (:customer, :currency, :amount)
                            ON CONFLICT (customer_id, currency)
                            DO UPDATE SET amount = customer_balances.amount + EXCLUDED.amount""")
                    .bind("customer", customer.value())
                    .bind("currency", amount.currencyCode())
                    .bind("amount", amount.amount())
                    .execute();
            entry(h, customer, amount, reference, at);
        });
    }

    @Override
    public Money apply(CustomerId customer, InvoiceId invoice, Money upTo, Instant at) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(upTo, "upTo");
        Objects.requireNonNull(at, "at");
        Money zero = Money.zero(upTo.currency());
        if (!upTo.isPositive()) {
            return zero;
        }
        return tx.withHandle(RowScope.customer(customer), h -> {
            BigDecimal held = h.createQuery("""
                            SELECT amount FROM customer_balances WHERE customer_id = :customer AND currency = :currency
                            FOR UPDATE""")
                    .bind("customer", customer.value())
                    .bind("currency", upTo.currencyCode())
                    .mapTo(BigDecimal.class)
                    .findOne()
                    .orElse(BigDecimal.ZERO);
            Money taken = Money.of(held, upTo.currency()).min(upTo);
            if (!taken.isPositive()) {
                return zero;
            }
            h.createUpdate("""
                            UPDATE customer_balances SET amount = amount - :taken
                            WHERE customer_id = :customer AND currency = :currency""")
                    .bind("taken", taken.amount())
                    .bind("customer", customer.value())
                    .bind("currency", upTo.currencyCode())
                    .execute();
            entry(h, customer, taken.negate(), invoice.value(), at);
            return taken;
        });
    }

    /** Serialised with {@link #apply} by the customer's balance row, locked first. */
    @Override
    public Money giveBack(CustomerId customer, InvoiceId invoice, Currency currency, Instant at) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(at, "at");
        Money zero = Money.zero(currency);
        return tx.withHandle(RowScope.customer(customer), h -> {
            boolean held = h.createQuery("""
                            SELECT 1 FROM customer_balances WHERE customer_id = :customer AND currency = :currency
                            FOR UPDATE""")
                    .bind("customer", customer.value())
                    .bind("currency", currency.getCurrencyCode())
                    .mapTo(Integer.class)
                    .findOne()
                    .isPresent();
            if (!held) {
                return zero;
            }
            BigDecimal net = h.createQuery("""
                            SELECT COALESCE(SUM(amount), 0) FROM customer_balance_entries
                            WHERE customer_id = :customer AND currency = :currency AND reference = :invoice""")
                    .bind("customer", customer.value())
                    .bind("currency", currency.getCurrencyCode())
                    .bind("invoice", invoice.value())
                    .mapTo(BigDecimal.class)
                    .one();
            if (net.signum() >= 0) {
                return zero;
            }
            Money back = Money.of(net.negate(), currency);
            h.createUpdate("""
                            UPDATE customer_balances SET amount = amount + :back
                            WHERE customer_id = :customer AND currency = :currency""")
                    .bind("back", back.amount())
                    .bind("customer", customer.value())
                    .bind("currency", currency.getCurrencyCode())
                    .execute();
            entry(h, customer, back, invoice.value(), at);
            return back;
        });
    }

    @Override
    public Money appliedTo(InvoiceId invoice, Currency currency) {
        Objects.requireNonNull(invoice, "invoice");
        return appliedTo(List.of(invoice), currency).getOrDefault(invoice, Money.zero(currency));
    }

    @Override
    public Map<InvoiceId, Money> appliedTo(Collection<InvoiceId> invoices, Currency currency) {
        Objects.requireNonNull(invoices, "invoices");
        Objects.requireNonNull(currency, "currency");
        Map<InvoiceId, Money> applied = new HashMap<>();
        if (invoices.isEmpty()) {
            return applied;
        }
        String[] ids = invoices.stream().map(InvoiceId::value).distinct().toArray(String[]::new);
        tx.useHandle(RowScope.system(), h -> h.createQuery("""
                        SELECT reference, -SUM(amount) AS applied FROM customer_balance_entries
                        WHERE amount < 0 AND currency = :currency AND reference = ANY(:ids)
                        GROUP BY reference""")
                .bind("currency", currency.getCurrencyCode())
                .bind("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getString("reference"), rs.getBigDecimal("applied")))
                .forEach(row -> applied.put(InvoiceId.of(row.getKey()), Money.of(row.getValue(), currency))));
        return applied;
    }

    @Override
    public List<Entry> entries(CustomerId customer, int limit) {
        Objects.requireNonNull(customer, "customer");
        BillingException.require(limit >= 1 && limit <= 1000, "limit must be 1..1000 but was " + limit);
        return tx.withHandle(RowScope.customer(customer), h -> h.createQuery("""
                        SELECT currency, amount, reference, at FROM customer_balance_entries
                        WHERE customer_id = :customer ORDER BY id DESC LIMIT :limit""")
                .bind("customer", customer.value())
                .bind("limit", limit)
                .map((rs, ctx) -> new Entry(customer, Money.of(rs.getBigDecimal("amount"),
                        Money.currency(rs.getString("currency"))), rs.getString("reference"), SqlValues.instant(rs, "at")))
                .list());
    }

    private static void entry(org.jdbi.v3.core.Handle h, CustomerId customer, Money amount, String reference, Instant at) {
        h.createUpdate("""
                        INSERT INTO customer_balance_entries (customer_id, currency, amount, reference, at)
                        VALUES (:customer, :currency, :amount, :reference, :at)""")
                .bind("customer", customer.value())
                .bind("currency", amount.currencyCode())
                .bind("amount", amount.amount())
                .bind("reference", reference)
                .bind("at", SqlValues.timestamp(at))
                .execute();
    }
}
