package io.billkit.application.port.in.invoice;

import io.billkit.domain.invoice.InvoiceId;
import java.util.List;
import java.util.Objects;

/**
 * What a period-close run did.
 *
 * @param created         invoices finalized by this run
 * @param alreadyInvoiced periods skipped because their invoice exists (a second run, another instance)
 * @param failures        subscriptions that failed, with the reason (retried on the next run)
 */
public record ClosePeriodResult(List<InvoiceId> created, int alreadyInvoiced, List<String> failures) {
    public ClosePeriodResult {
        created = List.copyOf(Objects.requireNonNull(created, "created"));
        failures = List.copyOf(Objects.requireNonNull(failures, "failures"));
    }
}
