package io.billkit.application.port.in.summary;

import io.billkit.domain.customer.CustomerId;

/**
 * The customer's billing summary.
 */
public interface GetBillingSummaryUseCase {
    BillingSummaryView summary(CustomerId customer);
}
