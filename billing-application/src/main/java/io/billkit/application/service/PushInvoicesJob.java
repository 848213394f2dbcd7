package io.billkit.application.service;

import io.billkit.application.port.out.InvoiceStore;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceNumber;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Retries the provider push of finalized invoices an earlier push left unlinked (a provider outage, a
 * crash between commit and push), read from {@link InvoiceStore#awaitingPush}: only invoices that wait,
 * never every open invoice. Also the place every push of period close goes through ({@link #push}).
 */
final class PushInvoicesJob implements PeriodCloseJob {
    private final InvoiceStore invoices;
    private final InvoicePusher pusher;
    private final int batchSize;

    PushInvoicesJob(InvoiceStore invoices, InvoicePusher pusher, int batchSize) {
        this.invoices = Objects.requireNonNull(invoices, "invoices");
        this.pusher = Objects.requireNonNull(pusher, "pusher");
        this.batchSize = batchSize;
    }

    @Override
    public void run(Instant now, PeriodCloseRun run) {
        Set<InvoiceId> tried = new HashSet<>();
        while (true) {
            List<Invoice> waiting = invoices.awaitingPush(batchSize, tried);
            if (waiting.isEmpty()) {
                return;
            }
            for (Invoice invoice : waiting) {
                tried.add(invoice.id());
                push(invoice, run);
            }
        }
    }

    /** Pushes one invoice; a failure is tallied and left for the next run. */
    void push(Invoice invoice, PeriodCloseRun run) {
        try {
            pusher.push(invoice, run.actor());
        } catch (RuntimeException e) {
            run.fail("invoice " + invoice.number().map(InvoiceNumber::toString).orElse(invoice.id().value())
                    + " (provider push)", e);
        }
    }
}
