package io.billkit.adapter.postgres;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Rate-limit buckets on PostgreSQL: replicas with their own pools share one budget per caller. */
class PostgresRateLimitBucketsTest {
    private static final BucketConfiguration FIFTY_PER_HOUR = BucketConfiguration.builder()
            .addLimit(Bandwidth.builder().capacity(50).refillGreedy(50, Duration.ofHours(1)).build())
            .build();

    @Test
    void two_replicas_with_their_own_pools_together_admit_the_budget_once() throws Exception {
        TestDatabase.truncateAll();
        try (PostgresDatabase secondPool = PostgresDatabase.start(
                PostgresConfig.external(TestDatabase.sameDatabaseUrl()).withMaxPoolSize(8))) {
            List<ProxyManager<String>> replicas = List.of(TestDatabase.adapter().rateLimitBuckets(),
                    new PostgresAdapter(secondPool).rateLimitBuckets());
            AtomicInteger admitted = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            int threads = 16;
            int attemptsEach = 10;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    ProxyManager<String> replica = replicas.get(t % 2);
                    runs.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < attemptsEach; i++) {
                            boolean taken = replica.builder().build("ingestion:key_a", () -> FIFTY_PER_HOUR).tryConsume(1);
                            (taken ? admitted : refused).incrementAndGet();
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> run : runs) {
                    run.get();
                }
            } finally {
                pool.shutdownNow();
            }
            System.out.printf("shared rate limit: %d attempts on 2 pools, limit 50, admitted %d, refused %d%n",
                    threads * attemptsEach, admitted.get(), refused.get());
            assertThat(admitted.get()).isEqualTo(50);
            assertThat(refused.get()).isEqualTo(threads * attemptsEach - 50);
            // another caller has its own budget
            assertThat(replicas.get(1).builder().build("ingestion:key_b", () -> FIFTY_PER_HOUR).tryConsume(1)).isTrue();
            assertThat(TestDatabase.count("rate_limit_buckets")).isEqualTo(2);
        }
    }
}
