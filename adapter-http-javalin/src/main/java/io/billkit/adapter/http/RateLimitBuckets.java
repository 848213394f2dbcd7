package io.billkit.adapter.http;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Where the rate limits' token buckets live: in this process ({@link #local()}), or in a store that every
 * replica shares ({@link #shared(ProxyManager)}, e.g. Bucket4j's PostgreSQL backend), so that N replicas
 * together admit the configured budget, not N times it.
 */
public abstract sealed class RateLimitBuckets {
    private RateLimitBuckets() {
    }

    /** Buckets in this process only: right for one replica and for tests. */
    public static RateLimitBuckets local() {
        return new Local();
    }

    /** Buckets kept by {@code proxyManager}, keyed by limit name and caller, shared by every replica using it. */
    public static RateLimitBuckets shared(ProxyManager<String> proxyManager) {
        return new Shared(proxyManager);
    }

    /** The bucket of {@code key}, created with {@code configuration} when it does not exist yet. */
    abstract Bucket bucket(String key, BucketConfiguration configuration);

    private static final class Local extends RateLimitBuckets {
        private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

        @Override
        Bucket bucket(String key, BucketConfiguration configuration) {
            return buckets.computeIfAbsent(key, k -> {
                var builder = Bucket.builder();
                for (var bandwidth : configuration.getBandwidths()) {
                    builder.addLimit(bandwidth);
                }
                return builder.build();
            });
        }
    }

    private static final class Shared extends RateLimitBuckets {
        private final ProxyManager<String> proxyManager;

        Shared(ProxyManager<String> proxyManager) {
            this.proxyManager = Objects.requireNonNull(proxyManager, "proxyManager");
        }

        @Override
        Bucket bucket(String key, BucketConfiguration configuration) {
            return proxyManager.builder().build(key, () -> configuration);
        }
    }
}
