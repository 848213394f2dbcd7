package io.billkit.application.service;

import io.billkit.application.port.in.dunning.DunningActionCommand;
import io.billkit.application.port.in.dunning.DunningCaseView;
import io.billkit.application.port.in.dunning.StopDunningUseCase;
import io.billkit.application.port.out.Transactions;

import java.time.Clock;
import java.util.Objects;

/** An admin stops a case's retries: STOPPED, audited ({@code dunning.stopped}) and in the outbox, in one transaction. */
public final class StopDunningService implements StopDunningUseCase {
    private final DunningCases dunning;
    private final Transactions tx;
    private final Clock clock;

    StopDunningService(DunningCases dunning, Transactions tx, Clock clock) {
        this.dunning = Objects.requireNonNull(dunning, "dunning");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public DunningCaseView stop(DunningActionCommand command) {
        Objects.requireNonNull(command, "command");
        return tx.inTransaction(() -> {
            var stopped = dunning.stop(RetryPaymentNowService.retrying(dunning, command), clock.instant(), command.actor());
            return DunningViews.of(stopped, dunning.store, dunning.invoices);
        });
    }
}
