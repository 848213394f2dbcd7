package io.billkit.adapter.postgres;

import io.billkit.application.port.out.LowBalanceThresholdStore;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/** {@link LowBalanceThresholdStore} on {@code low_balance_thresholds_customer} and {@code low_balance_thresholds_plan}. */
final class PostgresLowBalanceThresholdStore implements LowBalanceThresholdStore {
    private final JdbiTransactions tx;

    PostgresLowBalanceThresholdStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public Optional<BigDecimal> forCustomer(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        return tx.withHandle(RowScope.customer(customer), h -> h.createQuery(
                        "SELECT threshold FROM low_balance_thresholds_customer WHERE customer_id = :id")
                .bind("id", customer.value()).mapTo(BigDecimal.class).findOne());
    }

    @Override
    public Optional<BigDecimal> forPlan(PlanCode plan) {
        Objects.requireNonNull(plan, "plan");
        return tx.withHandle(RowScope.system(), h -> h.createQuery(
                        "SELECT threshold FROM low_balance_thresholds_plan WHERE plan_code = :code")
                .bind("code", plan.value()).mapTo(BigDecimal.class).findOne());
    }

    @Override
    public void setForCustomer(CustomerId customer, Optional<BigDecimal> threshold) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(threshold, "threshold");
        tx.useHandle(RowScope.customer(customer), h -> {
            if (threshold.isEmpty()) {
                h.createUpdate("DELETE FROM low_balance_thresholds_customer WHERE customer_id = :id")
                        .bind("id", customer.value()).execute();
                return;
            }
            h.createUpdate("""
                            INSERT INTO low_balance_thresholds_customer (customer_id, threshold) VALUES (:id, :threshold)
                            ON CONFLICT (customer_id) DO UPDATE SET threshold = EXCLUDED.threshold, updated_at = now()""")
                    .bind("id", customer.value()).bind("threshold", threshold.get()).execute();
        });
    }

    @Override
    public void setForPlan(PlanCode plan, Optional<BigDecimal> threshold) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(threshold, "threshold");
        tx.useHandle(RowScope.system(), h -> {
            if (threshold.isEmpty()) {
                h.createUpdate("DELETE FROM low_balance_thresholds_plan WHERE plan_code = :code")
                        .bind("code", plan.value()).execute();
                return;
            }
            h.createUpdate("""
                            INSERT INTO low_balance_thresholds_plan (plan_code, threshold) VALUES (:code, :threshold)
                            ON CONFLICT (plan_code) DO UPDATE SET threshold = EXCLUDED.threshold, updated_at = now()""")
                    .bind("code", plan.value()).bind("threshold", threshold.get()).execute();
        });
    }
}
