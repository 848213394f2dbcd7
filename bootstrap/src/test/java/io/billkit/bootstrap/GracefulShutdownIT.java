package io.billkit.bootstrap;

import io.billkit.bootstrap.process.PostgresProcesses;
import io.billkit.bootstrap.process.ServiceProcess;
import io.billkit.bootstrap.process.UsageClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM while several clients stream usage batches: every request the service accepted completes with a 2xx
 * (none 500, none 503), the others are refused at the connection; the log shows the order HTTP drain, scheduler,
 * pool, embedded database; the process exits and leaves no PostgreSQL behind.
 */
class GracefulShutdownIT {
    private static final int CLIENTS = 4;

    @TempDir
    Path tmp;

    @Test
    void requests_in_flight_at_sigterm_complete_with_2xx_or_are_refused_and_shutdown_runs_in_order() throws Exception {
        Path dataDir = tmp.resolve("pg");
        ServiceProcess service = ServiceProcess.builder(Path.of("target", "it-logs", "sigterm"))
                .env("BILLKIT_POSTGRES_DATA_DIR", dataDir.toString())
                .env("RATE_LIMIT_INGESTION_REQUESTS", "1000000000")
                .start().awaitReady(Duration.ofSeconds(90));
        String apiKey = service.demoApiKey();
        String meter = CrashRecoveryIT.meter(service);
        URI base = service.baseUri();
        UsageClient client = new UsageClient(Duration.ofSeconds(30));
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        List<String> bad = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch warm = new CountDownLatch(20);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int clientNo = c;
            Thread t = new Thread(() -> {
                int refusedInARow = 0;
                for (int b = 0; refusedInARow < 3; b++) {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        ids.add("term-c" + clientNo + "-b" + b + "-e" + i);
                    }
                    UsageClient.BatchAnswer answer = client.send(base, apiKey, meter, ids, 1);
                    String outcome = answer.status().map(s -> "HTTP " + s).orElse("no connection");
                    outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                    if (answer.answered() && !answer.is2xx()) {
                        bad.add(answer.toString());
                    }
                    if (answer.answered() && answer.is2xx()) {
                        warm.countDown();
                    }
                    refusedInARow = answer.answered() ? 0 : refusedInARow + 1;
                }
            }, "sigterm-client-" + c);
            t.start();
            threads.add(t);
        }
        warm.await();
        service.sigterm();
        assertThat(service.awaitExit(Duration.ofSeconds(40))).as("exit after SIGTERM").isPresent();
        for (Thread t : threads) {
            t.join(60_000);
        }
        System.out.println("SIGTERM under load: outcomes " + outcomes + ", exit code " + service.process().exitValue());
        assertThat(bad).as("answers other than 2xx").isEmpty();
        assertThat(outcomes.keySet()).anyMatch(k -> k.startsWith("HTTP 2"));
        assertThat(PostgresProcesses.awaitStopped(dataDir, Duration.ofSeconds(10))).as("no PostgreSQL left").isTrue();

        String log = service.stdout();
        int drain = log.indexOf("BillKit HTTP API stopped");
        int scheduler = log.indexOf("Billing scheduler stopped");
        int pool = log.indexOf("Connection pool closed");
        int database = log.indexOf("Embedded PostgreSQL stopped");
        assertThat(List.of(drain, scheduler, pool, database)).as("shutdown steps in the log\n" + service.logTail(30))
                .doesNotContain(-1).isSorted();
    }
}
