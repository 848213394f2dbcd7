package io.billkit.application.port.in.dunning;

import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.dunning.DunningFinalAction;
import io.billkit.domain.dunning.DunningStatus;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.subscription.SubscriptionId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One invoice's dunning: its schedule, where it is, and the retries so far.
 *
 * @param invoiceNumber the invoice's number, when it has one
 * @param retryDays     the schedule: retries on these days after {@code startedAt}
 * @param retriesMade   retries attempted so far
 * @param nextRetryAt   when the next retry (CANCELLING: the final cancel) is due (present while RETRYING or CANCELLING)
 */
public record DunningCaseView(InvoiceId invoice, Optional<String> invoiceNumber, SubscriptionId subscription,
                              CustomerId customer, DunningStatus status, List<Integer> retryDays,
                              DunningFinalAction finalAction, Instant startedAt, int retriesMade,
                              Optional<Instant> nextRetryAt, Optional<Instant> endedAt,
                              List<DunningAttemptView> attempts) {
    public DunningCaseView {
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(invoiceNumber, "invoiceNumber");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(status, "status");
        retryDays = List.copyOf(Objects.requireNonNull(retryDays, "retryDays"));
        Objects.requireNonNull(finalAction, "finalAction");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(nextRetryAt, "nextRetryAt");
        Objects.requireNonNull(endedAt, "endedAt");
        attempts = List.copyOf(Objects.requireNonNull(attempts, "attempts"));
    }
}
