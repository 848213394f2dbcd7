package io.billkit.application.port.out;

import io.billkit.domain.invoice.InvoiceId;

import java.util.OptionalInt;

/**
 * Per BillKit invoice, how many of its payments failed (invoice_payment_failures): state kept by the provider-event
 * handler, never derived from the audit log. Called inside the transaction that applies the failure.
 */
public interface InvoicePaymentFailures {

    /**
     * Counts one more failed payment of {@code invoice} and returns the count: the stored count plus one, or, when
     * the provider says how many attempts failed ({@code providerAttemptCount}), the larger of that and the stored
     * count. Concurrent callers for the same invoice are serialised (each sees the other's count).
     */
    int recordFailure(InvoiceId invoice, OptionalInt providerAttemptCount);

    /** The failed payments counted for {@code invoice} so far (0 when none). */
    int failures(InvoiceId invoice);
}
