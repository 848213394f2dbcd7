package io.billkit.application.port.in.credit;

import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.CustomerId;

/** The low credit balance threshold in effect (a read; NOT_FOUND for an unknown customer or plan). */
public interface GetLowBalanceThresholdUseCase {
    /** The customer's own, else its live plan's, else the default. */
    LowBalanceThresholdView forCustomer(CustomerId customer);

    /** The plan's own, else the default. */
    LowBalanceThresholdView forPlan(PlanCode plan);
}
