package io.billkit.application.port.out;

import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The credit balances below which {@code credits.balance_low} is raised, set per plan or per customer (a customer's
 * own threshold wins over its plan's; without either the service default applies). Thresholds are credits, >= 0.
 */
public interface LowBalanceThresholdStore {
    Optional<BigDecimal> forCustomer(CustomerId customer);

    Optional<BigDecimal> forPlan(PlanCode plan);

    /** Sets the customer's threshold, or removes it when {@code threshold} is empty. */
    void setForCustomer(CustomerId customer, Optional<BigDecimal> threshold);

    /** Sets the plan's threshold, or removes it when {@code threshold} is empty. */
    void setForPlan(PlanCode plan, Optional<BigDecimal> threshold);
}
