package io.billkit.adapter.clickhouse.bench;

import io.billkit.adapter.clickhouse.ClickHouse;
import io.billkit.adapter.clickhouse.ClickHouseSchema;
import io.billkit.adapter.clickhouse.ClickHouseTransactions;
import io.billkit.adapter.clickhouse.ClickHouseUsageEventStore;
import io.billkit.application.port.out.UsageEventStore.DatedUsageEvent;
import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.usage.UsageEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Not a test: events/s through {@code UsageEventStore.appendNew} into ClickHouse ({@code CLICKHOUSE_URL}) for one
 * customer, then the current-usage read latency (SUM over the month) for that customer.
 * {@code -Dbench.events=N} (default 200000), {@code -Dbench.batch=B} (default 5000).
 */
public final class ClickHouseIngestionBenchmark {
    public static void main(String[] args) {
        int total = Integer.getInteger("bench.events", 200_000);
        int batchSize = Integer.getInteger("bench.batch", 5000);
        String url = System.getenv("CLICKHOUSE_URL");
        if (url == null) {
            throw new IllegalStateException("set CLICKHOUSE_URL (.ci/clickhouse-start.sh)");
        }
        String db = "billkit_bench_" + Long.toHexString(System.nanoTime());
        try (ClickHouse admin = new ClickHouse(url, null, null, "default")) {
            admin.execute("CREATE DATABASE " + db);
        }
        try (ClickHouse ch = new ClickHouse(url, null, null, db)) {
            new ClickHouseSchema(Optional.empty()).migrate(ch);
            ClickHouseUsageEventStore store = new ClickHouseUsageEventStore(ch, new ClickHouseTransactions(ch));
            Meter meter = new Meter(MeterKey.of("api_calls"), "API calls", "call", Aggregation.SUM, "");
            CustomerId customer = CustomerId.of("cus_bench");
            LocalDate start = LocalDate.of(2026, 3, 1);
            long t0 = System.nanoTime();
            for (int done = 0; done < total; done += batchSize) {
                List<DatedUsageEvent> batch = new ArrayList<>(batchSize);
                for (int i = done; i < Math.min(total, done + batchSize); i++) {
                    LocalDate day = start.plusDays(i % 28);
                    Instant at = day.atStartOfDay().toInstant(ZoneOffset.UTC).plusMillis(i);
                    batch.add(new DatedUsageEvent(UsageEvent.of("evt-" + i, customer, meter.key(), BigDecimal.ONE, at), day, meter));
                }
                store.appendNew(batch);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("clickhouse append: %d events in %.1f s = %.0f events/s (batch %d)%n", total, seconds, total / seconds, batchSize);
            long[] reads = new long[7];
            BigDecimal sum = null;
            for (int r = 0; r < reads.length; r++) {
                long s = System.nanoTime();
                sum = store.aggregate(customer, meter, start, start.plusMonths(1));
                reads[r] = System.nanoTime() - s;
            }
            Arrays.sort(reads);
            System.out.printf("clickhouse current-usage read, customer with %d events: median %.1f ms (sum=%s)%n",
                    total, reads[reads.length / 2] / 1e6, sum.toPlainString());
        } finally {
            try (ClickHouse admin = new ClickHouse(url, null, null, "default")) {
                admin.execute("DROP DATABASE IF EXISTS " + db);
            }
        }
    }
}
