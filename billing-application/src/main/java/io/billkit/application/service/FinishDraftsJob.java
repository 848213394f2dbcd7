package io.billkit.application.service;

import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.PeriodCloseGuard;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceId;

import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finishes DRAFT invoices a crashed run left behind: one per transaction, claimed with
 * {@link InvoiceStore#claimDrafts} (PostgreSQL: {@code FOR UPDATE SKIP LOCKED}, so two replicas never
 * finish the same draft), closed for late usage, finalized, the subscription renewed, then pushed.
 */
final class FinishDraftsJob implements PeriodCloseJob {
    private final InvoiceStore invoices;
    private final PeriodCloseGuard closeGuard;
    private final PeriodRenewal renewal;
    private final PushInvoicesJob pushes;
    private final Transactions tx;
    private final int maxItems;

    FinishDraftsJob(InvoiceStore invoices, PeriodCloseGuard closeGuard, PeriodRenewal renewal, PushInvoicesJob pushes,
                    Transactions tx, int maxItems) {
        this.invoices = Objects.requireNonNull(invoices, "invoices");
        this.closeGuard = Objects.requireNonNull(closeGuard, "closeGuard");
        this.renewal = Objects.requireNonNull(renewal, "renewal");
        this.pushes = Objects.requireNonNull(pushes, "pushes");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.maxItems = maxItems;
    }

    @Override
    public void run(Instant now, PeriodCloseRun run) {
        Set<InvoiceId> failed = new HashSet<>();
        for (int i = 0; i < maxItems; i++) {
            InvoiceId[] claimed = new InvoiceId[1];
            try {
                Optional<Invoice> finished = tx.inTransaction(() -> {
                    Optional<Invoice> draft = invoices.claimDrafts(failed.size() + 1).stream()
                            .filter(d -> !failed.contains(d.id())).findFirst();
                    if (draft.isEmpty()) {
                        return Optional.<Invoice>empty();
                    }
                    claimed[0] = draft.get().id();
                    closeGuard.close(draft.get().subscriptionId(), draft.get().periodStart());
                    return Optional.of(renewal.finalizeDraft(draft.get(), now, run.actor()));
                });
                if (finished.isEmpty()) {
                    return;
                }
                run.created(finished.get().id());
                pushes.push(finished.get(), now, run);
            } catch (RuntimeException e) {
                if (claimed[0] == null) {
                    run.fail("claiming draft invoices", e);
                    return;
                }
                failed.add(claimed[0]);
                run.fail("draft invoice " + claimed[0], e);
            }
        }
    }
}
