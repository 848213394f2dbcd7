package io.billkit.bootstrap;

import io.billkit.application.usagelog.EventLogUsageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * With {@code USAGE_STORE=clickhouse}: every {@code interval} sends the claimed usage events ClickHouse has not
 * acknowledged yet ({@link EventLogUsageStore#shipUnshipped}), e.g. after ClickHouse was down. Safe on every
 * replica at once (ClickHouse keeps one row per event). A failed run is logged and retried on the next tick.
 */
final class UsageShipper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UsageShipper.class);

    private final EventLogUsageStore store;
    private final ScheduledExecutorService executor;
    private volatile boolean failing;

    UsageShipper(EventLogUsageStore store, Duration interval) {
        this.store = Objects.requireNonNull(store, "store");
        long millis = Objects.requireNonNull(interval, "interval").toMillis();
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "billkit-usage-shipper");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::runOnce, millis, millis, TimeUnit.MILLISECONDS);
    }

    void runOnce() {
        try {
            int shipped = store.shipUnshipped();
            if (failing) {
                log.info("ClickHouse answers again: {} waiting usage events shipped", shipped);
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("cannot ship usage events to ClickHouse (retrying every tick): {}", e.toString());
            }
            failing = true;
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
