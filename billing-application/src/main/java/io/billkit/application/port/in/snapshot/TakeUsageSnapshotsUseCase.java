package io.billkit.application.port.in.snapshot;

/**
 * Writes the daily usage snapshots of every customer with a live subscription for its last
 * {@code lookbackDays} finished local days (yesterday, the day before, ...), replacing earlier snapshots of those
 * days: idempotent per day, and a late event accepted within the grace window updates its day's snapshot on the
 * next run. Days before the subscription's start are skipped. Called by the scheduler.
 */
public interface TakeUsageSnapshotsUseCase {
    /** @return how many snapshots were written */
    int takeFinishedDays();
}
