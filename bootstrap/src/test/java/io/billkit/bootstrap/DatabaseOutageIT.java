package io.billkit.bootstrap;

import io.billkit.adapter.postgres.PostgresConfig;
import io.billkit.adapter.postgres.PostgresDatabase;
import io.billkit.bootstrap.process.ServiceProcess;
import io.billkit.bootstrap.process.UsageClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service jar on a real PostgreSQL that is stopped and started under it: while the database is down every
 * request answers 503 problem+json with Retry-After (no hang, no 500) and readiness is false; when the database is
 * back the service recovers by itself, and a batch retried with the same ids is counted once.
 */
class DatabaseOutageIT {
    @TempDir
    Path work;

    @Test
    void while_the_database_is_down_requests_are_503_with_retry_after_and_the_service_recovers_by_itself()
            throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        PostgresConfig config = PostgresConfig.embedded(work.resolve("pg")).withEmbeddedPort(port).withMaxPoolSize(2);
        PostgresDatabase database = PostgresDatabase.start(config);
        UsageClient client = new UsageClient(Duration.ofSeconds(20));
        try (ServiceProcess service = ServiceProcess.builder(work.resolve("logs"))
                .env("DATABASE_URL", "postgresql://postgres@localhost:" + port + "/billkit?sslmode=disable")
                .env("DEMO_DATA", "true")
                .env("BILLKIT_POSTGRES_POOL_SIZE", "4")
                .env("BILLKIT_POSTGRES_CONNECTION_TIMEOUT", "2s")
                .start().awaitReady(Duration.ofSeconds(120))) {
            String key = service.demoApiKey();
            UsageClient.BatchAnswer before = client.send(service.baseUri(), key, "api_calls", ids("before", 10), 1);
            assertThat(before.is2xx()).as(before.toString()).isTrue();

            database.close();
            database = null;

            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<UsageClient.BatchAnswer> during = new ArrayList<>();
            long started = System.nanoTime();
            try {
                List<Future<UsageClient.BatchAnswer>> sends = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    int n = i;
                    sends.add(pool.submit(() -> client.send(service.baseUri(), key, "api_calls", ids("down-" + n, 10), 1)));
                }
                for (Future<UsageClient.BatchAnswer> send : sends) {
                    during.add(send.get());
                }
            } finally {
                pool.shutdownNow();
            }
            long outageMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            int readyDuringOutage = service.readyStatus();
            HttpResponse<String> one = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(service.baseUri() + "/api/v1/usage/events"))
                    .timeout(Duration.ofSeconds(20)).header("X-Api-Key", key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"events\":[{\"eventId\":\"down-x\",\"meter\":\"api_calls\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(one.statusCode()).as(one.body()).isEqualTo(503);
            assertThat(one.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(one.headers().firstValue("Retry-After")).isPresent();

            for (UsageClient.BatchAnswer answer : during) {
                assertThat(answer.status()).as(answer.toString()).contains(503);
                assertThat(answer.body()).contains("\"status\":503").contains("errorId");
            }

            database = PostgresDatabase.start(config);
            long restarted = System.nanoTime();
            int ready = service.readyStatus();
            while (ready != 200 && System.nanoTime() - restarted < Duration.ofSeconds(60).toNanos()) {
                Thread.sleep(250);
                ready = service.readyStatus();
            }
            long recoveryMillis = Duration.ofNanos(System.nanoTime() - restarted).toMillis();
            UsageClient.BatchAnswer retried = client.send(service.baseUri(), key, "api_calls", ids("down-0", 10), 1);
            UsageClient.BatchAnswer replayed = client.send(service.baseUri(), key, "api_calls", ids("before", 10), 1);

            System.out.printf("database outage: 16 batches while down -> %d answered 503 (all within %d ms), "
                            + "ready during outage %d; after restart ready in %d ms, retried batch %s, replayed batch %s%n",
                    during.stream().filter(a -> a.status().orElse(0) == 503).count(), outageMillis, readyDuringOutage,
                    recoveryMillis, retried.eventStatuses().values().stream().distinct().toList(),
                    replayed.eventStatuses().values().stream().distinct().toList());
            assertThat(readyDuringOutage).isNotEqualTo(200);
            assertThat(ready).isEqualTo(200);
            assertThat(retried.eventStatuses().values()).hasSize(10).containsOnly("ACCEPTED");
            assertThat(replayed.eventStatuses().values()).hasSize(10).containsOnly("DUPLICATE");
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    private static List<String> ids(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
    }
}
