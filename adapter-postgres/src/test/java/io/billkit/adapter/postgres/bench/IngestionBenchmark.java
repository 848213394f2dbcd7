package io.billkit.adapter.postgres.bench;

import io.billkit.adapter.postgres.PostgresAdapter;
import io.billkit.adapter.postgres.PostgresConfig;
import io.billkit.adapter.postgres.PostgresDatabase;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.application.port.out.UsageEventStore.DatedUsageEvent;
import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.usage.UsageEvent;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Usage ingestion benchmark (not a unit test): inserts N usage events (default 1,000,000) into an embedded
 * PostgreSQL 18 twice in one run and prints events/second for each way:
 * <ol>
 *   <li><b>store</b>: {@link UsageEventStore#appendNew} in batches of 1,000 (one transaction per batch:
 *       {@code INSERT ... SELECT FROM unnest(..) ON CONFLICT (customer_id, event_id) DO NOTHING RETURNING}
 *       plus the daily rollup upsert), exactly as the application ingests;</li>
 *   <li><b>COPY</b>: the same events through pgjdbc's {@code CopyManager} into a temporary staging table,
 *       then one {@code INSERT ... SELECT DISTINCT ON .. ON CONFLICT DO NOTHING RETURNING} feeding the
 *       rollup upsert, one transaction per chunk of 100,000 events.</li>
 * </ol>
 * The events are the same in both phases except the customer ids (prefix {@code cus_store_} vs
 * {@code cus_copy_}), so the second phase inserts fresh rows rather than skipping duplicates; at the end
 * the two phases' rollup totals are compared. 100 customers, one SUM meter, 30 local days.
 *
 * <p>Run from the repository root (compiles the test classes, then runs this class in Maven's JVM; the
 * database lives in a temporary directory deleted afterwards):
 * <pre>{@code
 * mvn -B -q -pl adapter-postgres -am -Pingestion-benchmark -DskipTests process-test-classes
 * }</pre>
 * Optional: {@code -Dbench.events=200000} for a shorter run. Or with a plain JVM after
 * {@code mvn -B -q -pl adapter-postgres -am -DskipTests test-compile dependency:build-classpath
 * -Dmdep.outputFile=/tmp/billkit-cp.txt}:
 * {@code java -cp adapter-postgres/target/test-classes:adapter-postgres/target/classes:billing-application/target/classes:billing-domain/target/classes:$(cat /tmp/billkit-cp.txt) io.billkit.adapter.postgres.bench.IngestionBenchmark 1000000}.
 */
public final class IngestionBenchmark {
    private static final int BATCH = 1_000;
    private static final int COPY_CHUNK = 100_000;
    private static final int CUSTOMERS = 100;
    private static final int DAYS = 30;
    private static final Meter IMPRESSIONS = new Meter(MeterKey.of("impressions"), "Ad impressions", "impression",
            Aggregation.SUM, "");
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 3, 1);
    private static final Instant FIRST_INSTANT = Instant.parse("2026-03-01T00:00:00Z");

    private IngestionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : Integer.getInteger("bench.events", 1_000_000);
        Path dir = Files.createTempDirectory("billkit-ingestion-bench");
        try (PostgresDatabase db = PostgresDatabase.start(PostgresConfig.embedded(dir).withMaxPoolSize(4))) {
            PostgresAdapter postgres = new PostgresAdapter(db);
            System.out.printf("BillKit usage ingestion benchmark: %,d events, %d customers, %d days, PostgreSQL at %s%n",
                    events, CUSTOMERS, DAYS, db.describe());

            long storeNanos = viaStore(postgres.usageEvents(), events);
            report("store.appendNew, batches of " + BATCH, events, storeNanos);

            long copyNanos = viaCopy(db, events);
            report("COPY + INSERT ... SELECT, chunks of " + COPY_CHUNK, events, copyNanos);

            verify(db, events);
        } finally {
            deleteRecursively(dir);
        }
    }

    /** Event {@code i} of the run: customer i % 100, day i % 30, quantity 1..1000 with 3 decimals. */
    private static String customer(String prefix, int i) {
        return prefix + (i % CUSTOMERS);
    }

    private static String eventId(int i) {
        return "evt-" + i;
    }

    private static LocalDate day(int i) {
        return FIRST_DAY.plusDays((i / CUSTOMERS) % DAYS);
    }

    private static Instant timestamp(int i) {
        return FIRST_INSTANT.plusSeconds(86_400L * ((i / CUSTOMERS) % DAYS) + (i % 86_400));
    }

    private static BigDecimal quantity(int i) {
        return BigDecimal.valueOf(1 + (i * 7919L) % 1_000_000, 3);
    }

    private static long viaStore(UsageEventStore store, int events) {
        long start = System.nanoTime();
        for (int from = 0; from < events; from += BATCH) {
            List<DatedUsageEvent> batch = new ArrayList<>(BATCH);
            for (int i = from; i < Math.min(events, from + BATCH); i++) {
                batch.add(new DatedUsageEvent(UsageEvent.of(eventId(i), CustomerId.of(customer("cus_store_", i)),
                        IMPRESSIONS.key(), quantity(i), timestamp(i)), day(i), IMPRESSIONS));
            }
            int stored = store.appendNew(batch).size();
            if (stored != batch.size()) {
                throw new IllegalStateException("batch at " + from + " stored " + stored + " of " + batch.size());
            }
        }
        return System.nanoTime() - start;
    }

    private static long viaCopy(PostgresDatabase db, int events) throws SQLException, IOException {
        long start = System.nanoTime();
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            for (int from = 0; from < events; from += COPY_CHUNK) {
                int to = Math.min(events, from + COPY_CHUNK);
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT set_config('billkit.scope', 'system', true)");
                    s.execute("""
                            CREATE TEMP TABLE usage_staging (customer_id text, event_id text, meter text,
                                quantity numeric, occurred_at timestamptz, day date, properties jsonb) ON COMMIT DROP""");
                }
                CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY usage_staging FROM STDIN (FORMAT csv)");
                StringBuilder rows = new StringBuilder(64 * 1024);
                for (int i = from; i < to; i++) {
                    rows.append(customer("cus_copy_", i)).append(',').append(eventId(i)).append(',')
                            .append(IMPRESSIONS.key().value()).append(',').append(quantity(i).toPlainString()).append(',')
                            .append(timestamp(i)).append(',').append(day(i)).append(",{}\n");
                    if (rows.length() > 60 * 1024) {
                        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
                        copy.writeToCopy(bytes, 0, bytes.length);
                        rows.setLength(0);
                    }
                }
                byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                copy.endCopy();
                try (Statement s = c.createStatement()) {
                    s.execute("""
                            WITH inserted AS (
                                INSERT INTO usage_events (customer_id, event_id, meter, quantity, occurred_at, day, properties)
                                SELECT DISTINCT ON (customer_id, event_id)
                                       customer_id, event_id, meter, quantity, occurred_at, day, properties
                                FROM usage_staging ORDER BY customer_id, event_id
                                ON CONFLICT (customer_id, event_id) DO NOTHING
                                RETURNING customer_id, event_id, meter, quantity, occurred_at, day)
                            INSERT INTO usage_daily_rollups AS r (customer_id, meter, day, aggregation, value, events,
                                latest_at, latest_event_id)
                            SELECT customer_id, meter, day, 'SUM', sum(quantity), count(*), max(occurred_at),
                                   (array_agg(event_id ORDER BY occurred_at DESC, event_id COLLATE "C" DESC))[1]
                            FROM inserted GROUP BY customer_id, meter, day ORDER BY customer_id, meter, day
                            ON CONFLICT (customer_id, meter, day) DO UPDATE SET
                                value = r.value + EXCLUDED.value,
                                events = r.events + EXCLUDED.events,
                                latest_event_id = CASE
                                    WHEN (EXCLUDED.latest_at, EXCLUDED.latest_event_id) > (r.latest_at, r.latest_event_id)
                                    THEN EXCLUDED.latest_event_id ELSE r.latest_event_id END,
                                latest_at = greatest(r.latest_at, EXCLUDED.latest_at)""");
                }
                c.commit();
            }
        }
        return System.nanoTime() - start;
    }

    /** Both phases stored every event once and their rollups hold the same totals. */
    private static void verify(PostgresDatabase db, int events) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT set_config('billkit.scope', 'system', true)");
            }
            try (PreparedStatement q = c.prepareStatement("""
                    SELECT left(customer_id, 9) AS phase, sum(value) AS total, sum(events) AS events
                    FROM usage_daily_rollups GROUP BY 1 ORDER BY 1""");
                 ResultSet rs = q.executeQuery()) {
                Map<String, BigDecimal> totals = new java.util.TreeMap<>();
                while (rs.next()) {
                    totals.put(rs.getString("phase"), rs.getBigDecimal("total"));
                    if (rs.getLong("events") != events) {
                        throw new IllegalStateException(rs.getString("phase") + " rollups count " + rs.getLong("events")
                                + " events, expected " + events);
                    }
                }
                BigDecimal store = totals.get("cus_store");
                BigDecimal copy = totals.get("cus_copy_");
                if (store == null || copy == null || store.compareTo(copy) != 0) {
                    throw new IllegalStateException("rollup totals differ: " + totals);
                }
                System.out.printf("verified: both phases counted %,d events, rollup total %s each%n", events,
                        store.toPlainString());
            }
            c.commit();
        }
    }

    private static void report(String way, int events, long nanos) {
        double seconds = nanos / 1e9;
        System.out.printf("%-45s %,12d events in %8.2f s = %,10.0f events/s%n", way, events, seconds, events / seconds);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a temporary directory
        }
    }
}
