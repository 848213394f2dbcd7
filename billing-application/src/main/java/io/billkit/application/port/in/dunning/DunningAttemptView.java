package io.billkit.application.port.in.dunning;

import io.billkit.domain.dunning.DunningAttemptOutcome;

import java.time.Instant;
import java.util.Objects;

/** One retry of a failed payment: its number (1-based), when, how it ended and why. */
public record DunningAttemptView(int number, Instant at, DunningAttemptOutcome outcome, String detail) {
    public DunningAttemptView {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }
}
