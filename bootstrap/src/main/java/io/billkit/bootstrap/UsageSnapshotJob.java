package io.billkit.bootstrap;

import io.billkit.application.port.in.snapshot.TakeUsageSnapshotsUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes the daily usage snapshots ({@link TakeUsageSnapshotsUseCase}) every {@code interval} (default 1 h; first
 * run one minute after start) on its own daemon thread, next to the {@code BillingScheduler}. Safe on N replicas
 * without coordination: a snapshot is an upsert of the same values per (customer, day), so a second replica's run
 * rewrites what the first wrote. A failed run is logged and retried on the next tick.
 */
final class UsageSnapshotJob implements AutoCloseable {
    static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(UsageSnapshotJob.class);

    private final TakeUsageSnapshotsUseCase snapshots;
    private final ScheduledExecutorService executor;

    UsageSnapshotJob(TakeUsageSnapshotsUseCase snapshots, Duration interval) {
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        Objects.requireNonNull(interval, "interval");
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "billkit-usage-snapshots");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, interval.toMillis());
        executor.scheduleWithFixedDelay(this::runOnce, Math.min(millis, 60_000), millis, TimeUnit.MILLISECONDS);
    }

    /** One run; never throws. */
    void runOnce() {
        try {
            int written = snapshots.takeFinishedDays();
            log.debug("Usage snapshots written: {}", written);
        } catch (RuntimeException e) {
            log.error("Usage snapshots failed; retrying on the next run", e);
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
