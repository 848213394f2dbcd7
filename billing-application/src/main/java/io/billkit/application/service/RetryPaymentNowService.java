package io.billkit.application.service;

import io.billkit.application.port.in.dunning.DunningActionCommand;
import io.billkit.application.port.in.dunning.DunningCaseView;
import io.billkit.application.port.in.dunning.RetryPaymentNowUseCase;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.dunning.DunningCase;
import io.billkit.domain.dunning.DunningStatus;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * An admin's "retry now": claims the case like the retry job does (the same lease, the same attempt number and
 * idempotency key) and attempts the retry at once ({@link RetryFailedPaymentsJob#attempt}).
 */
public final class RetryPaymentNowService implements RetryPaymentNowUseCase {
    private final DunningCases dunning;
    private final RetryFailedPaymentsJob job;
    private final Transactions tx;
    private final Clock clock;

    RetryPaymentNowService(DunningCases dunning, RetryFailedPaymentsJob job, Transactions tx, Clock clock) {
        this.dunning = Objects.requireNonNull(dunning, "dunning");
        this.job = Objects.requireNonNull(job, "job");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public DunningCaseView retryNow(DunningActionCommand command) {
        Objects.requireNonNull(command, "command");
        Instant now = clock.instant();
        RetryFailedPaymentsJob.Claim claim = tx.inTransaction(() -> job.lease(retrying(dunning, command), now));
        DunningCase after = job.attempt(claim, now, command.actor());
        return tx.inTransaction(() -> DunningViews.of(after, dunning.store, dunning.invoices));
    }

    static DunningCase retrying(DunningCases dunning, DunningActionCommand command) {
        DunningCase found = dunning.store.find(command.invoice()).orElseThrow(() -> new BillingException(
                ErrorCode.NOT_FOUND, "invoice '" + command.invoice() + "' has no dunning case"));
        if (found.status() != DunningStatus.RETRYING) {
            throw new BillingException(ErrorCode.ILLEGAL_TRANSITION,
                    "the dunning of invoice '" + command.invoice() + "' is " + found.status() + ", not RETRYING");
        }
        return found;
    }
}
