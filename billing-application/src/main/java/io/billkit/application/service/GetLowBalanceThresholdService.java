package io.billkit.application.service;

import io.billkit.application.port.in.credit.GetLowBalanceThresholdUseCase;
import io.billkit.application.port.in.credit.LowBalanceThresholdView;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.LowBalanceThresholdStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.util.Objects;

/** {@link GetLowBalanceThresholdUseCase}. */
public final class GetLowBalanceThresholdService implements GetLowBalanceThresholdUseCase {
    private final CustomerStore customers;
    private final Catalog catalog;
    private final LowBalanceThresholds thresholds;

    public GetLowBalanceThresholdService(CustomerStore customers, SubscriptionStore subscriptions, Catalog catalog,
                                         LowBalanceThresholdStore store, BigDecimal defaultThreshold) {
        this.customers = Objects.requireNonNull(customers, "customers");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.thresholds = new LowBalanceThresholds(store, subscriptions, defaultThreshold);
    }

    @Override
    public LowBalanceThresholdView forCustomer(CustomerId customer) {
        Customers.require(customers, customer);
        return thresholds.forCustomer(customer);
    }

    @Override
    public LowBalanceThresholdView forPlan(PlanCode plan) {
        catalog.requirePlan(plan);
        return thresholds.forPlan(plan);
    }
}
