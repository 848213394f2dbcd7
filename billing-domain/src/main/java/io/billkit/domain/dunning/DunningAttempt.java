package io.billkit.domain.dunning;

import io.billkit.domain.BillingException;
import io.billkit.domain.invoice.InvoiceId;

import java.time.Instant;
import java.util.Objects;

/**
 * One retry of a failed payment, as it happened.
 *
 * @param invoice the invoice retried
 * @param number  the retry's number in its case, 1-based
 * @param at      when it was attempted
 * @param outcome whether the provider took the payment
 * @param detail  the provider's reason for a decline, or "paid"
 */
public record DunningAttempt(InvoiceId invoice, int number, Instant at, DunningAttemptOutcome outcome, String detail) {
    public DunningAttempt {
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        BillingException.require(number >= 1, "a retry number must be at least 1 but was " + number);
    }
}
