package io.billkit.application.inmemory;

import io.billkit.application.port.out.InvoicePaymentFailures;
import io.billkit.domain.invoice.InvoiceId;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/** {@link InvoicePaymentFailures} in memory (rolled back with its transaction). */
public final class InMemoryInvoicePaymentFailures implements InvoicePaymentFailures {
    private final InMemoryTransactions tx;
    private final Map<String, Integer> failures = new HashMap<>();

    public InMemoryInvoicePaymentFailures(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public int recordFailure(InvoiceId invoice, OptionalInt providerAttemptCount) {
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(providerAttemptCount, "providerAttemptCount");
        return tx.inTransaction(() -> {
            int stored = failures.getOrDefault(invoice.value(), 0);
            int next = providerAttemptCount.isPresent() ? Math.max(stored, providerAttemptCount.getAsInt()) : stored + 1;
            tx.put(failures, invoice.value(), next);
            return next;
        });
    }

    @Override
    public int failures(InvoiceId invoice) {
        Objects.requireNonNull(invoice, "invoice");
        return tx.read(() -> failures.getOrDefault(invoice.value(), 0));
    }
}
