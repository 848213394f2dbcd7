package io.billkit.application.inmemory;

import io.billkit.application.port.out.LowBalanceThresholdStore;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link LowBalanceThresholdStore} in memory. */
public final class InMemoryLowBalanceThresholdStore implements LowBalanceThresholdStore {
    private final InMemoryTransactions tx;
    private final Map<CustomerId, BigDecimal> customers = new HashMap<>();
    private final Map<PlanCode, BigDecimal> plans = new HashMap<>();

    public InMemoryLowBalanceThresholdStore(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public Optional<BigDecimal> forCustomer(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        return tx.read(() -> Optional.ofNullable(customers.get(customer)));
    }

    @Override
    public Optional<BigDecimal> forPlan(PlanCode plan) {
        Objects.requireNonNull(plan, "plan");
        return tx.read(() -> Optional.ofNullable(plans.get(plan)));
    }

    @Override
    public void setForCustomer(CustomerId customer, Optional<BigDecimal> threshold) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(threshold, "threshold");
        set(customers, customer, threshold);
    }

    @Override
    public void setForPlan(PlanCode plan, Optional<BigDecimal> threshold) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(threshold, "threshold");
        set(plans, plan, threshold);
    }

    private <K> void set(Map<K, BigDecimal> map, K key, Optional<BigDecimal> threshold) {
        tx.inTransaction(() -> threshold.isPresent() ? tx.put(map, key, threshold.get()) : tx.remove(map, key));
    }
}
