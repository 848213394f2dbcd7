package io.billkit.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Closed-loop load: N threads each run an operation back to back for a duration; latencies and counts. */
final class Load {
    /** One operation; returns how many units it did (events in a batch, 1 for a request); throws on failure. */
    interface Op {
        long run(int thread, long iteration) throws Exception;
    }

    record Result(long operations, long units, double seconds, long[] latencyNanos) {
        double unitsPerSecond() {
            return units / seconds;
        }

        double opsPerSecond() {
            return operations / seconds;
        }

        double percentileMillis(double p) {
            if (latencyNanos.length == 0) {
                return Double.NaN;
            }
            long[] sorted = latencyNanos.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }

        double meanMillis() {
            return Arrays.stream(latencyNanos).average().orElse(Double.NaN) / 1e6;
        }
    }

    private Load() {
    }

    static Result forDuration(int threads, Duration duration, Op op) throws InterruptedException {
        return run(threads, duration, Long.MAX_VALUE, op);
    }

    static Result times(long iterations, Op op) throws InterruptedException {
        return run(1, Duration.ofHours(1), iterations, op);
    }

    private static Result run(int threads, Duration duration, long iterationsPerThread, Op op) throws InterruptedException {
        AtomicLong operations = new AtomicLong();
        AtomicLong units = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        long[] window = new long[2];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            long[][] own = {new long[1024]};
            int[] size = {0};
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    long end = window[1];
                    for (long i = 0; i < iterationsPerThread && System.nanoTime() < end && failure.get() == null; i++) {
                        long before = System.nanoTime();
                        long done = op.run(thread, i);
                        long took = System.nanoTime() - before;
                        if (size[0] == own[0].length) {
                            own[0] = Arrays.copyOf(own[0], size[0] * 2);
                        }
                        own[0][size[0]++] = took;
                        operations.incrementAndGet();
                        units.addAndGet(done);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    synchronized (latencies) {
                        latencies.add(Arrays.copyOf(own[0], size[0]));
                    }
                }
            }, "load-" + t);
            workers.add(worker);
            worker.start();
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + duration.toNanos();
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        double seconds = (System.nanoTime() - window[0]) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("a load operation failed", failure.get());
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).toArray();
        return new Result(operations.get(), units.get(), seconds, all);
    }
}
