package io.billkit.adapter.http;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets (Bucket4j) per caller key: {@code capacity} requests per {@code window}, refilled greedily.
 * An exhausted bucket answers 429 with {@code Retry-After} in whole seconds (at least 1). The buckets live in
 * {@link RateLimitBuckets}: in this process, or shared by every replica (the service on PostgreSQL), so that
 * N replicas together admit {@code capacity}, not N times it.
 */
final class RateLimiter {
    private final String name;
    private final long capacity;
    private final Duration window;
    private final String keyPrefix;
    private final BucketConfiguration configuration;
    private final RateLimitBuckets buckets;

    /** {@code keyPrefix} keeps this limit's buckets apart from other limits' in a shared store. */
    RateLimiter(String name, String keyPrefix, long capacity, Duration window, RateLimitBuckets buckets) {
        this.name = Objects.requireNonNull(name, "name");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        this.capacity = capacity;
        this.window = Objects.requireNonNull(window, "window");
        this.buckets = Objects.requireNonNull(buckets, "buckets");
        this.configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build())
                .build();
    }

    /** Takes one request from {@code callerKey}'s budget or throws 429. */
    void acquire(String callerKey) {
        ConsumptionProbe probe = buckets.bucket(keyPrefix + ":" + callerKey, configuration)
                .tryConsumeAndReturnRemaining(1);
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
