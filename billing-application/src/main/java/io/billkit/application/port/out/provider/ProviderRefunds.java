package io.billkit.application.port.out.provider;

import io.billkit.domain.money.Money;

import java.util.Map;

/**
 * Refunds at the payment provider: money of a paid provider invoice given back to the customer's payment method
 * (credit notes settled by refund). A retried call with the same {@code idempotencyKey} refunds once.
 */
public interface ProviderRefunds {

    /**
     * Refunds {@code amount} of the payment of the provider's invoice {@code invoiceId}; {@code metadata} carries
     * BillKit's ids (the credit note), so the provider's refund webhook can be recognised as BillKit's own.
     * NOT_FOUND when the invoice has no payment; PROVIDER_UNAVAILABLE when the provider does not answer.
     */
    ProviderRefund refundInvoicePayment(String invoiceId, Money amount, Map<String, String> metadata, String idempotencyKey);
}
