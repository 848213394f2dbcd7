package io.billkit.adapter.postgres;

import io.billkit.application.port.out.InvoicePaymentFailures;
import io.billkit.domain.invoice.InvoiceId;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * {@link InvoicePaymentFailures} on {@code invoice_payment_failures}. {@link #recordFailure} is one statement (insert,
 * or on conflict raise the count, returning it): a concurrent failure of the same invoice waits for the first
 * transaction's row lock and then counts on top of the committed row.
 */
final class PostgresInvoicePaymentFailures implements InvoicePaymentFailures {
    private final JdbiTransactions tx;

    PostgresInvoicePaymentFailures(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public int recordFailure(InvoiceId invoice, OptionalInt providerAttemptCount) {
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(providerAttemptCount, "providerAttemptCount");
        Integer attempt = providerAttemptCount.isPresent() ? providerAttemptCount.getAsInt() : null;
        return tx.withHandle(RowScope.system(), h -> h.createQuery("""
                        INSERT INTO invoice_payment_failures (invoice_id, failed_payments)
                        VALUES (:invoice, COALESCE(CAST(:attempt AS integer), 1))
                        ON CONFLICT (invoice_id) DO UPDATE
                            SET failed_payments = CASE WHEN CAST(:attempt AS integer) IS NULL
                                    THEN invoice_payment_failures.failed_payments + 1
                                    ELSE GREATEST(invoice_payment_failures.failed_payments, CAST(:attempt AS integer)) END,
                                updated_at = now()
                        RETURNING failed_payments""")
                .bind("invoice", invoice.value())
                .bind("attempt", attempt)
                .mapTo(Integer.class)
                .one());
    }

    @Override
    public int failures(InvoiceId invoice) {
        Objects.requireNonNull(invoice, "invoice");
        return tx.withHandle(RowScope.system(), h -> h.createQuery("""
                        SELECT failed_payments FROM invoice_payment_failures WHERE invoice_id = :invoice""")
                .bind("invoice", invoice.value())
                .mapTo(Integer.class)
                .findOne()
                .orElse(0));
    }
}
