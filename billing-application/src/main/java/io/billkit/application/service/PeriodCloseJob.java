package io.billkit.application.service;

import java.time.Instant;

/**
 * One kind of period-close work, run by {@link ClosePeriodService}. A job asks its store for the work that
 * is due at {@code now} (an indexed queue, claimed so that concurrent closers on other replicas take other
 * items), does it, and tallies what it did into the run; one item's failure is tallied and the job goes on.
 * A run costs what is due, not what exists.
 */
public interface PeriodCloseJob {
    void run(Instant now, PeriodCloseRun run);
}
