package io.billkit.bootstrap.bench;

import io.billkit.adapter.clickhouse.ClickHouse;
import io.billkit.adapter.clickhouse.ClickHouseSchema;
import io.billkit.adapter.clickhouse.ClickHouseTransactions;
import io.billkit.adapter.clickhouse.ClickHouseUsageEventStore;
import io.billkit.adapter.postgres.PostgresAdapter;
import io.billkit.adapter.postgres.PostgresConfig;
import io.billkit.adapter.postgres.PostgresDatabase;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.application.port.out.UsageEventStore.DatedUsageEvent;
import io.billkit.application.usagelog.EventLogUsageStore;
import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.usage.UsageEvent;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Not a test: one run, one JVM, durable embedded PostgreSQL (fsync and synchronous commit on) and the ClickHouse
 * at {@code CLICKHOUSE_URL}. Prints events/s through the same {@code UsageEventStore} port into PostgreSQL, into
 * ClickHouse alone, and into ClickHouse as the service wires it (claims in PostgreSQL), beside the reference of a
 * raw {@code COPY} into a PostgreSQL table with the same primary key, and the current-usage read (SUM over the
 * month) for one customer holding all the events, on each store.
 * {@code -Dbench.events=N} (default 200000), {@code -Dbench.batch=B} (default 1000).
 * Command: {@code CLICKHOUSE_URL=... mvn -B -q -pl bootstrap -am -Pusage-store-benchmark -DskipTests process-test-classes}
 */
public final class UsageStoreBenchmark {
    private static final Meter METER = new Meter(MeterKey.of("api_calls"), "API calls", "call", Aggregation.SUM, "");
    private static final LocalDate START = LocalDate.of(2026, 3, 1);

    public static void main(String[] args) throws Exception {
        int total = Integer.getInteger("bench.events", 200_000);
        int batchSize = Integer.getInteger("bench.batch", 1000);
        String url = System.getenv("CLICKHOUSE_URL");
        if (url == null) {
            throw new IllegalStateException("set CLICKHOUSE_URL (.ci/clickhouse-start.sh)");
        }
        Path dir = Files.createTempDirectory("billkit-usage-bench");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String db = "billkit_bench_" + Long.toHexString(System.nanoTime());
        List<String> table = new ArrayList<>();
        try (PostgresDatabase database = PostgresDatabase.start(PostgresConfig.embedded(dir).withEmbeddedPort(port));
             ClickHouse admin = new ClickHouse(url, null, null, "default")) {
            admin.execute("CREATE DATABASE " + db);
            try (ClickHouse alone = new ClickHouse(url, null, null, db)) {
                new ClickHouseSchema(Optional.empty()).migrate(alone);
                PostgresAdapter postgres = new PostgresAdapter(database);

                double copy = rawCopy(port, total);
                table.add(row("raw COPY into PostgreSQL (same primary key) — reference", copy, copy, "-"));

                Ingest pg = ingest(postgres.usageEvents(), postgres.transactions(), CustomerId.of("cus_pg"), total, batchSize);
                table.add(row("PostgreSQL usage store (appendNew)", pg.eventsPerSecond, copy, pg.readMedianMs));

                ClickHouseTransactions units = new ClickHouseTransactions(alone);
                Ingest ch = ingest(new ClickHouseUsageEventStore(alone, units), units, CustomerId.of("cus_ch"), total,
                        batchSize);
                table.add(row("ClickHouse usage store alone (appendNew)", ch.eventsPerSecond, copy, ch.readMedianMs));

                EventLogUsageStore wired = new EventLogUsageStore(postgres.usageEventClaims(),
                        new ClickHouseUsageEventStore(alone, units), postgres.transactions(), units);
                Ingest both = ingest(wired, wired.transactions(), CustomerId.of("cus_wired"), total, batchSize);
                table.add(row("USAGE_STORE=clickhouse (claims in PostgreSQL + ClickHouse)", both.eventsPerSecond, copy,
                        both.readMedianMs));
            } finally {
                admin.execute("DROP DATABASE IF EXISTS " + db);
            }
        } finally {
            deleteRecursively(dir);
        }
        System.out.printf("%n%d events, batches of %d, one customer per store, durable PostgreSQL, ClickHouse %s%n",
                total, batchSize, url);
        System.out.println("| what | events/s | ratio to raw COPY | current-usage read, median of 7 |");
        System.out.println("|---|---|---|---|");
        table.forEach(System.out::println);
    }

    private record Ingest(double eventsPerSecond, String readMedianMs) {
    }

    private static String row(String what, double perSecond, double copy, String read) {
        return String.format("| %s | %,.0f | %.2f | %s |", what, perSecond, perSecond / copy, read);
    }

    private static Ingest ingest(UsageEventStore store, Transactions tx, CustomerId customer, int total, int batchSize) {
        long t0 = System.nanoTime();
        for (int done = 0; done < total; done += batchSize) {
            List<DatedUsageEvent> batch = new ArrayList<>(batchSize);
            for (int i = done; i < Math.min(total, done + batchSize); i++) {
                LocalDate day = START.plusDays(i % 28);
                Instant at = day.atStartOfDay().toInstant(ZoneOffset.UTC).plusMillis(i);
                batch.add(new DatedUsageEvent(UsageEvent.of("evt-" + i, customer, METER.key(), BigDecimal.ONE, at), day, METER));
            }
            tx.inTransaction(() -> store.appendNew(batch));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] reads = new long[7];
        BigDecimal sum = BigDecimal.ZERO;
        for (int r = 0; r < reads.length; r++) {
            long s = System.nanoTime();
            sum = store.aggregate(customer, METER, START, START.plusMonths(1));
            reads[r] = System.nanoTime() - s;
        }
        if (sum.compareTo(BigDecimal.valueOf(total)) != 0) {
            throw new IllegalStateException(customer + ": summed " + sum + ", expected " + total);
        }
        Arrays.sort(reads);
        return new Ingest(total / seconds, String.format("%.1f ms", reads[reads.length / 2] / 1e6));
    }

    /** Rows/s of {@code COPY} into a table shaped like {@code usage_events}, in batches of 50,000 rows per COPY. */
    private static double rawCopy(int port, int total) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/billkit", "postgres", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE bench_copy (customer_id text NOT NULL, event_id text NOT NULL, meter text NOT NULL,"
                        + " quantity numeric(30,12) NOT NULL, occurred_at timestamptz NOT NULL, day date NOT NULL,"
                        + " properties jsonb NOT NULL DEFAULT '{}', PRIMARY KEY (customer_id, event_id))");
            }
            long t0 = System.nanoTime();
            int chunk = 50_000;
            for (int done = 0; done < total; done += chunk) {
                StringBuilder csv = new StringBuilder();
                for (int i = done; i < Math.min(total, done + chunk); i++) {
                    LocalDate day = START.plusDays(i % 28);
                    Instant at = day.atStartOfDay().toInstant(ZoneOffset.UTC).plusMillis(i);
                    csv.append("cus_copy,evt-").append(i).append(",api_calls,1,").append(at).append(',').append(day)
                            .append(",{}\n");
                }
                ((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI().copyIn(
                        "COPY bench_copy (customer_id, event_id, meter, quantity, occurred_at, day, properties) FROM STDIN"
                                + " (FORMAT csv)", new StringReader(csv.toString()));
            }
            return total / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
