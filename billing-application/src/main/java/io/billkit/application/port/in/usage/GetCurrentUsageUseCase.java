package io.billkit.application.port.in.usage;

import io.billkit.domain.customer.CustomerId;

/**
 * The current period's usage per meter; NOT_FOUND when the customer has no subscription.
 */
public interface GetCurrentUsageUseCase {
    CurrentUsageView current(CustomerId customer);
}
