package io.billkit.adapter.http;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets (Bucket4j, in memory) per caller key: {@code capacity} requests per {@code window}, refilled
 * greedily. An exhausted bucket answers 429 with {@code Retry-After} in whole seconds (at least 1).
 * With N replicas each keeps its own buckets, so the effective limit is up to N times higher; a shared
 * (PostgreSQL/Redis) Bucket4j backend is the upgrade path.
 */
final class RateLimiter {
    private final String name;
    private final long capacity;
    private final Duration window;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(String name, long capacity, Duration window) {
        this.name = Objects.requireNonNull(name, "name");
        this.capacity = capacity;
        this.window = Objects.requireNonNull(window, "window");
    }

    /** Takes one request from {@code callerKey}'s budget or throws 429. */
    void acquire(String callerKey) {
        Bucket bucket = buckets.computeIfAbsent(callerKey, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
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
