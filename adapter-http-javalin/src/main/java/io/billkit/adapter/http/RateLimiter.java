package io.billkit.adapter.http;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets (Bucket4j) per caller key: {@code capacity} requests per {@code window}, refilled greedily.
 * An exhausted bucket answers 429 with {@code Retry-After} in whole seconds (at least 1).
 *
 * <p>With a shared {@link ProxyManager} (bootstrap builds Bucket4j's PostgreSQL one) every replica consumes
 * from the same bucket, so N replicas still admit the limit once; the key is prefixed with the limiter's
 * {@code name} so the two limits never share a bucket. Without one (in-memory storage, tests) the buckets
 * live in this process only.
 */
final class RateLimiter {
    private final String name;
    private final long capacity;
    private final Duration window;
    private final Bandwidth bandwidth;
    private final BucketConfiguration configuration;
    private final Optional<ProxyManager<String>> shared;
    private final ConcurrentMap<String, Bucket> local = new ConcurrentHashMap<>();

    RateLimiter(String name, long capacity, Duration window) {
        this(name, capacity, window, Optional.empty());
    }

    RateLimiter(String name, long capacity, Duration window, Optional<ProxyManager<String>> shared) {
        this.name = Objects.requireNonNull(name, "name");
        this.capacity = capacity;
        this.window = Objects.requireNonNull(window, "window");
        this.shared = Objects.requireNonNull(shared, "shared");
        this.bandwidth = Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build();
        this.configuration = BucketConfiguration.builder().addLimit(bandwidth).build();
    }

    /** Takes one request from {@code callerKey}'s budget or throws 429. */
    void acquire(String callerKey) {
        ConsumptionProbe probe = shared
                .map(proxies -> proxies.builder().build(name + ":" + callerKey, () -> configuration)
                        .tryConsumeAndReturnRemaining(1))
                .orElseGet(() -> local.computeIfAbsent(callerKey, k -> Bucket.builder()
                        .addLimit(bandwidth).build()).tryConsumeAndReturnRemaining(1));
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
            throw ApiProblem.tooManyRequests(seconds, "the " + name + " limit of " + capacity + " requests per "
                    + describe(window) + " is used up; retry in " + seconds + " s");
        }
    }

    private static String describe(Duration window) {
        long seconds = window.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
