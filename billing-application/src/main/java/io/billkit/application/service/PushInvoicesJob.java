package io.billkit.application.service;

import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceNumber;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Retries the provider push of finalized invoices an earlier push left unlinked (a provider outage, a
 * crash between commit and push), claimed with {@link InvoiceStore#claimPushes} (PostgreSQL: {@code FOR UPDATE
 * SKIP LOCKED} and a lease, so two replicas never push the same invoice): only invoices that wait, never every
 * open invoice; an invoice whose push failed is released and tried by the next run. Also the place every
 * push of period close goes through ({@link #push}, which claims the one invoice first).
 */
final class PushInvoicesJob implements PeriodCloseJob {
    private final InvoiceStore invoices;
    private final InvoicePusher pusher;
    private final Transactions tx;
    private final int batchSize;

    PushInvoicesJob(InvoiceStore invoices, InvoicePusher pusher, Transactions tx, int batchSize) {
        this.invoices = Objects.requireNonNull(invoices, "invoices");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.pusher = Objects.requireNonNull(pusher, "pusher");
        this.batchSize = batchSize;
    }

    @Override
    public void run(Instant now, PeriodCloseRun run) {
        while (true) {
            // claimed (leased) in a short transaction; the pushes are network calls made outside it
            List<Invoice> claimed = tx.inTransaction(() ->
                    invoices.claimPushes(now, now.plus(InvoicePusher.LEASE), batchSize));
            if (claimed.isEmpty()) {
                return;
            }
            for (Invoice invoice : claimed) {
                pushClaimed(invoice, run);
            }
        }
    }

    /** Claims and pushes one invoice (one period close just finalized); a failure is tallied and left for the next run. */
    void push(Invoice invoice, Instant now, PeriodCloseRun run) {
        try {
            pusher.push(invoice, run.actor(), now);
        } catch (RuntimeException e) {
            fail(invoice, run, e);
        }
    }

    private void pushClaimed(Invoice invoice, PeriodCloseRun run) {
        try {
            pusher.pushClaimed(invoice, run.actor());
        } catch (RuntimeException e) {
            fail(invoice, run, e);
        }
    }

    private static void fail(Invoice invoice, PeriodCloseRun run, RuntimeException e) {
        run.fail("invoice " + invoice.number().map(InvoiceNumber::toString).orElse(invoice.id().value())
                + " (provider push)", e);
    }
}
