package io.billkit.adapter.postgres;

import io.billkit.application.port.out.AiGovernance;
import io.billkit.application.port.out.AiGovernanceStore;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.forecast.Budget;
import io.billkit.domain.forecast.ModelPolicy;
import io.billkit.domain.money.Money;
import org.jdbi.v3.core.Handle;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link AiGovernanceStore} on {@code ai_governance}, one row per customer; {@link #lock} is
 * {@code SELECT ... FOR UPDATE}, held until the caller's transaction ends.
 */
final class PostgresAiGovernanceStore implements AiGovernanceStore {
    private final JdbiTransactions tx;

    PostgresAiGovernanceStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public Optional<AiGovernance> find(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        return tx.withHandle(RowScope.customer(customer), h -> select(h, customer, ""));
    }

    @Override
    public Optional<AiGovernance> lock(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        return tx.withHandle(RowScope.customer(customer), h -> select(h, customer, " FOR UPDATE"));
    }

    private static Optional<AiGovernance> select(Handle h, CustomerId customer, String lock) {
        return h.createQuery("""
                        SELECT customer_id, daily_budget, monthly_budget, currency, allowed_models, fallback_model, updated_at
                        FROM ai_governance WHERE customer_id = :customer""" + lock)
                .bind("customer", customer.value())
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    private static AiGovernance map(ResultSet rs) throws SQLException {
        CustomerId customer = CustomerId.of(rs.getString("customer_id"));
        String code = rs.getString("currency");
        Currency currency = code == null ? null : Money.currency(code);
        Optional<Money> daily = money(rs.getBigDecimal("daily_budget"), currency);
        Optional<Money> monthly = money(rs.getBigDecimal("monthly_budget"), currency);
        Array array = rs.getArray("allowed_models");
        List<String> allowed = array == null ? List.of() : Arrays.asList((String[]) array.getArray());
        return new AiGovernance(new Budget(customer, daily, monthly),
                new ModelPolicy(new LinkedHashSet<>(allowed), Optional.ofNullable(rs.getString("fallback_model"))),
                SqlValues.instant(rs, "updated_at"));
    }

    private static Optional<Money> money(BigDecimal amount, Currency currency) {
        return amount == null ? Optional.empty() : Optional.of(new Money(amount.stripTrailingZeros(), currency));
    }

    @Override
    public void save(AiGovernance g) {
        Objects.requireNonNull(g, "governance");
        Optional<Currency> currency = g.budget().daily().or(() -> g.budget().monthly()).map(Money::currency);
        tx.useHandle(RowScope.customer(g.customer()), h -> h.createUpdate("""
                        INSERT INTO ai_governance (customer_id, daily_budget, monthly_budget, currency, allowed_models,
                                                   fallback_model, updated_at)
                        VALUES (:customer, :daily, :monthly, :currency, :allowed, :fallback, :updatedAt)
                        ON CONFLICT (customer_id) DO UPDATE SET daily_budget = EXCLUDED.daily_budget,
                            monthly_budget = EXCLUDED.monthly_budget, currency = EXCLUDED.currency,
                            allowed_models = EXCLUDED.allowed_models, fallback_model = EXCLUDED.fallback_model,
                            updated_at = EXCLUDED.updated_at""")
                .bind("customer", g.customer().value())
                .bind("daily", g.budget().daily().map(Money::amount).orElse(null))
                .bind("monthly", g.budget().monthly().map(Money::amount).orElse(null))
                .bind("currency", currency.map(Currency::getCurrencyCode).orElse(null))
                .bindArray("allowed", String.class, List.copyOf(g.models().allowed()))
                .bind("fallback", g.models().fallback().orElse(null))
                .bind("updatedAt", SqlValues.timestamp(g.updatedAt()))
                .execute());
    }
}
