package io.billkit.bootstrap;

import io.billkit.bootstrap.process.PostgresProcesses;
import io.billkit.bootstrap.process.ServiceProcess;
import io.billkit.bootstrap.process.UsageClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Power loss, in a test: the service jar on its embedded PostgreSQL takes usage batches from several client
 * threads; mid-stream the JVM and every PostgreSQL process of its data directory get SIGKILL in the same instant.
 * After a restart on the same data directory the clients retry every batch that got no 2xx with the same event
 * ids. Every event ever answered ACCEPTED or DUPLICATE must be in the database exactly once, and the daily
 * rollups must equal the raw events. Two runs, killed after different numbers of acknowledged batches.
 */
class CrashRecoveryIT {
    private static final int CLIENTS = 4;
    private static final int BATCH = 50;
    private static final Pattern METER = Pattern.compile("\\\\?\"meter\\\\?\":\\\\?\"([a-z0-9_]+)");

    @TempDir
    Path tmp;

    @Test
    void no_acknowledged_event_is_lost_or_counted_twice_when_jvm_and_postgres_are_killed_mid_stream() throws Exception {
        crashRun("early", 8);
        crashRun("late", 40);
    }

    private void crashRun(String name, int killAfterBatches) throws Exception {
        Path dataDir = tmp.resolve(name + "-pg");
        int pgPort = freePort();
        ServiceProcess.Builder builder = ServiceProcess.builder(Path.of("target", "it-logs", "crash-" + name))
                .env("BILLKIT_POSTGRES_DATA_DIR", dataDir.toString())
                .env("BILLKIT_POSTGRES_PORT", String.valueOf(pgPort))
                .env("RATE_LIMIT_INGESTION_REQUESTS", "1000000000")
                .env("RATE_LIMIT_BILLING_REQUESTS", "1000000000");
        UsageClient client = new UsageClient(Duration.ofSeconds(10));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<List<String>> unacknowledged = new ConcurrentLinkedQueue<>();
        AtomicInteger batchesSent = new AtomicInteger();
        AtomicInteger acknowledgedBatches = new AtomicInteger();
        AtomicInteger non2xxWhileUp = new AtomicInteger();

        ServiceProcess first = builder.start().awaitReady(Duration.ofSeconds(90));
        String apiKey = first.demoApiKey();
        String meter = meter(first);
        URI base = first.baseUri();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicReference<String> unexpected = new AtomicReference<>();
        CountDownLatch enough = new CountDownLatch(killAfterBatches);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int clientNo = c;
            Thread t = new Thread(() -> {
                for (int b = 0; b < 10_000 && !killed.get(); b++) {
                    List<String> ids = new ArrayList<>(BATCH);
                    for (int i = 0; i < BATCH; i++) {
                        ids.add(name + "-c" + clientNo + "-b" + b + "-e" + i);
                    }
                    batchesSent.incrementAndGet();
                    UsageClient.BatchAnswer answer = client.send(base, apiKey, meter, ids, 1);
                    if (answer.is2xx() && answer.acknowledged().size() == ids.size()) {
                        acknowledged.addAll(answer.acknowledged());
                        acknowledgedBatches.incrementAndGet();
                        enough.countDown();
                    } else {
                        if (answer.answered() && !killed.get()) {
                            non2xxWhileUp.incrementAndGet();
                            unexpected.compareAndSet(null, answer.toString());
                        }
                        acknowledged.addAll(answer.acknowledged());
                        unacknowledged.add(ids);
                    }
                }
            }, "crash-client-" + c);
            t.start();
            threads.add(t);
        }
        enough.await();
        killed.set(true); // no new batches from here; those in flight meet the kill
        List<Long> victims = first.sigkillWithPostgres(dataDir);
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertThat(PostgresProcesses.awaitStopped(dataDir, Duration.ofSeconds(10))).isTrue();
        int acknowledgedBeforeKill = acknowledged.size();

        try (ServiceProcess second = builder.start().awaitReady(Duration.ofSeconds(90))) {
            int retried = 0;
            for (List<String> ids : unacknowledged) {
                UsageClient.BatchAnswer answer = client.send(second.baseUri(), second.demoApiKey(), meter, ids, 1);
                assertThat(answer.is2xx()).as("retry after restart: %s", answer).isTrue();
                assertThat(answer.acknowledged()).hasSize(ids.size());
                acknowledged.addAll(answer.acknowledged());
                retried++;
            }
            long sent = (long) batchesSent.get() * BATCH;
            Figures figures = figures(pgPort);
            long lost = acknowledged.stream().filter(id -> !figures.ids().contains(id)).count();
            System.out.printf("crash run '%s': killed %s after %d acknowledged batches; batches sent %d (%d events),"
                            + " acknowledged before kill %d events, unacknowledged batches retried %d, events in"
                            + " database %d, acknowledged lost %d, counted twice %d, rollup events %d, rollup value"
                            + " %s, raw sum %s%n", name, victims, acknowledgedBatches.get(), batchesSent.get(), sent,
                    acknowledgedBeforeKill, retried, figures.rows(), lost, figures.rows() - figures.ids().size(),
                    figures.rollupEvents(), figures.rollupValue(), figures.rawSum());
            assertThat(unexpected.get()).as("a non-2xx answer while the service was up").isNull();
            assertThat(lost).as("acknowledged events lost").isZero();
            assertThat(figures.rows()).as("events counted twice").isEqualTo(figures.ids().size());
            assertThat(figures.ids().stream().filter(id -> id.startsWith(name + "-")).count())
                    .as("every event sent is counted once after the retries").isEqualTo(acknowledged.size());
            assertThat(figures.rollupEvents()).as("rollup events = raw events").isEqualTo(figures.rows());
            assertThat(figures.rollupValue()).as("rollup value = raw sum").isEqualByComparingTo(figures.rawSum());
            second.sigterm();
            assertThat(second.awaitExit(Duration.ofSeconds(40))).isPresent();
        }
        assertThat(PostgresProcesses.awaitStopped(dataDir, Duration.ofSeconds(10))).isTrue();
    }

    private record Figures(long rows, Set<String> ids, long rollupEvents, java.math.BigDecimal rollupValue,
                           java.math.BigDecimal rawSum) {
    }

    private static Figures figures(int pgPort) throws SQLException {
        String url = "jdbc:postgresql://127.0.0.1:" + pgPort + "/billkit";
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
             Statement s = c.createStatement()) {
            Set<String> ids = new java.util.HashSet<>();
            long rows = 0;
            try (ResultSet rs = s.executeQuery("SELECT event_id FROM usage_events")) {
                while (rs.next()) {
                    rows++;
                    ids.add(rs.getString(1));
                }
            }
            java.math.BigDecimal rawSum;
            try (ResultSet rs = s.executeQuery("SELECT coalesce(sum(quantity), 0) FROM usage_events")) {
                rs.next();
                rawSum = rs.getBigDecimal(1);
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT coalesce(sum(events), 0), coalesce(sum(value), 0) FROM usage_daily_rollups")) {
                rs.next();
                return new Figures(rows, ids, rs.getLong(1), rs.getBigDecimal(2), rawSum);
            }
        }
    }

    static String meter(ServiceProcess service) {
        Matcher m = METER.matcher(service.stderr() + service.stdout());
        return m.find() ? m.group(1) : "api_calls";
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
