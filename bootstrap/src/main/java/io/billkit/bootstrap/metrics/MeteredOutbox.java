package io.billkit.bootstrap.metrics;

import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.OutboxEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Counts issued invoices from the {@code invoice.created} events written to the outbox (every finalized invoice,
 * by period close or by a cancellation's final invoice, writes exactly one). The count is taken when the event is
 * appended inside the use case's transaction: a transaction that rolls back after that point counts an invoice that
 * was not issued (rare: nothing but the commit follows the append).
 */
public final class MeteredOutbox implements Outbox {
    static final String INVOICE_CREATED = "invoice.created";

    private final Outbox delegate;
    private final BusinessMetrics metrics;

    public MeteredOutbox(Outbox delegate, BusinessMetrics metrics) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void append(OutboxEvent event) {
        delegate.append(event);
        if (INVOICE_CREATED.equals(event.type())) {
            String total = event.payload().getOrDefault("total", "0");
            BigDecimal amount;
            try {
                amount = new BigDecimal(total);
            } catch (NumberFormatException e) {
                amount = BigDecimal.ZERO;
            }
            metrics.invoiceIssued(event.payload().getOrDefault("currency", BusinessMetrics.UNKNOWN), amount);
        }
    }

    @Override
    public List<OutboxEvent> unpublished(int limit) {
        return delegate.unpublished(limit);
    }

    @Override
    public void markPublished(String eventId, Instant at) {
        delegate.markPublished(eventId, at);
    }
}
