package io.billkit.bootstrap.replicas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.billkit.adapter.http.Role;
import io.billkit.adapter.http.SessionTokens;
import io.billkit.adapter.postgres.PostgresConfig;
import io.billkit.adapter.postgres.PostgresDatabase;
import io.billkit.bootstrap.process.ServiceProcess;
import io.billkit.bootstrap.process.UsageClient;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two service processes (the jar, twice) on one shared PostgreSQL, no sticky sessions: every request below goes to
 * either replica. Duplicates, quota, webhooks and rate limits must hold across both, as if there were one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasIT {
    private static final String JWT_SECRET = "two-replicas-it-secret-0123456789abcdef";
    private static final int INGESTION_LIMIT = 300;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path work;
    private static PostgresDatabase database;
    private static ServiceProcess first;
    private static ServiceProcess second;
    private static String apiKey;
    private static String member;
    private static String admin;

    @BeforeAll
    static void startTwoReplicas() {
        database = PostgresDatabase.start(PostgresConfig.embedded(work.resolve("pg")).withMaxPoolSize(2));
        String url = sharedUrl(database);
        // the first replica migrates and seeds the demo customer (mortgage Free: 100 API calls a day, HARD)
        first = replica(url, true).start().awaitReady(Duration.ofSeconds(90));
        second = replica(url, false).start().awaitReady(Duration.ofSeconds(90));
        apiKey = first.demoApiKey();
        Instant now = Instant.now();
        member = "Bearer " + SessionTokens.issueHs256(JWT_SECRET, Optional.empty(), "demo-user", CustomerId.of("demo"),
                Role.MEMBER, now, now.plus(Duration.ofHours(1)));
        admin = "Bearer " + SessionTokens.issueHs256(JWT_SECRET, Optional.empty(), "admin", CustomerId.of("demo"),
                Role.ADMIN, now, now.plus(Duration.ofHours(1)));
    }

    private static ServiceProcess.Builder replica(String url, boolean demoData) {
        return ServiceProcess.builder(work.resolve("logs"))
                .env("DATABASE_URL", url)
                .env("DEMO_DATA", String.valueOf(demoData))
                .env("BILLING_CATALOG", "mortgage")
                .env("JWT_SECRET", JWT_SECRET)
                .env("RATE_LIMIT_INGESTION_REQUESTS", String.valueOf(INGESTION_LIMIT))
                .env("RATE_LIMIT_INGESTION_WINDOW", "1h")
                .env("RATE_LIMIT_BILLING_REQUESTS", "1000")
                .env("WEBHOOK_DELIVERY_INTERVAL", "1s")
                .env("WEBHOOK_ALLOW_PRIVATE_HOSTS", "127.0.0.1,localhost");
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[]{first, second, database}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }

    private static String sharedUrl(PostgresDatabase db) {
        Matcher port = Pattern.compile("localhost:(\\d+)").matcher(db.describe());
        assertThat(port.find()).as(db.describe()).isTrue();
        return "postgresql://postgres@localhost:" + port.group(1) + "/" + "billkit"
                + "?sslmode=disable";
    }

    private static ServiceProcess replica(int i) {
        return i % 2 == 0 ? first : second;
    }

    @Test
    @Order(1)
    void the_same_batch_sent_to_both_replicas_at_once_is_counted_once_and_quota_and_rate_limits_hold_across_both()
            throws Exception {
        UsageClient client = new UsageClient(Duration.ofSeconds(30));
        List<String> ids = IntStream.range(0, 200).mapToObj(i -> "both-" + i).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        long budgetStart = System.nanoTime(); // the key's bucket is made full by its first request, below
        try {
            // 1. the same 200 events to both replicas at the same moment
            List<Future<UsageClient.BatchAnswer>> sends = List.of(
                    pool.submit(() -> client.send(first.baseUri(), apiKey, "ai_tokens", ids, 1)),
                    pool.submit(() -> client.send(second.baseUri(), apiKey, "ai_tokens", ids, 1)));
            long accepted = 0;
            long duplicate = 0;
            for (Future<UsageClient.BatchAnswer> send : sends) {
                UsageClient.BatchAnswer answer = send.get();
                assertThat(answer.is2xx()).as(answer.toString()).isTrue();
                accepted += answer.eventStatuses().values().stream().filter("ACCEPTED"::equals).count();
                duplicate += answer.eventStatuses().values().stream().filter("DUPLICATE"::equals).count();
            }
            JsonNode usage = JSON.readTree(get(second, "/api/v1/billing/usage/current", member).body());
            String counted = meter(usage, "ai_tokens").path("used").asText();

            // 2. a HARD daily limit of 100 API calls, 150 consumes spread over both replicas
            List<Callable<Integer>> consumes = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                int n = i;
                consumes.add(() -> {
                    HttpResponse<String> r = post(replica(n), "/api/v1/quota/consume", "X-Api-Key", apiKey,
                            "{\"meter\":\"api_calls\",\"quantity\":\"1\",\"eventId\":\"quota-" + n + "\"}");
                    return r.statusCode() == 200 && r.body().contains("\"admission\":\"ALLOWED\"") ? 1 : 0;
                });
            }
            int admitted = 0;
            for (Future<Integer> f : pool.invokeAll(consumes)) {
                admitted += f.get();
            }
            JsonNode afterQuota = JSON.readTree(get(first, "/api/v1/billing/usage/current", member).body());
            String apiCallsUsed = meter(afterQuota, "api_calls").path("used").asText();

            // 3. the ingestion budget of the API key is one budget for both replicas: 2 batches and 150 consumes
            //    used 152 of 300, so of 200 more requests spread over both exactly 148 pass (each replica on its own
            //    buckets would let all 200 through)
            int passed = 0;
            int refused = 0;
            for (int i = 0; i < 200; i++) {
                HttpResponse<String> r = post(replica(i), "/api/v1/quota/check", "X-Api-Key", apiKey,
                        "{\"meter\":\"api_calls\",\"quantity\":\"1\"}");
                if (r.statusCode() == 429) {
                    refused++;
                    assertThat(r.headers().firstValue("Retry-After")).isPresent();
                } else if (r.statusCode() == 200) {
                    passed++;
                }
            }

            System.out.printf("two replicas: batch of %d sent to both -> accepted %d, duplicate %d, counted %s; "
                            + "quota limit 100, consumes 150 over both -> admitted %d (used %s); "
                            + "ingestion limit %d/h shared, 152 used, 200 more over both -> passed %d, 429 %d%n",
                    ids.size(), accepted, duplicate, counted, admitted, apiCallsUsed, INGESTION_LIMIT, passed, refused);
            assertThat(accepted).isEqualTo(200);
            assertThat(duplicate).isEqualTo(200);
            assertThat(counted).isEqualTo("200");
            assertThat(apiCallsUsed).isEqualTo("100");
            assertThat(admitted).isEqualTo(100);
            // the bucket refills greedily (300 per hour: one request per 12 s), so on a slow machine the time these
            // steps took may have added a few requests; never more than that, and never a replica's own budget
            long refilled = Duration.ofNanos(System.nanoTime() - budgetStart).toMillis()
                    / Duration.ofHours(1).dividedBy(INGESTION_LIMIT).toMillis();
            assertThat(passed).isBetween(INGESTION_LIMIT - 152, INGESTION_LIMIT - 152 + (int) refilled);
            assertThat(refused).isEqualTo(200 - passed);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(2)
    void an_event_is_delivered_once_to_a_webhook_endpoint_although_both_replicas_run_the_delivery_job()
            throws Exception {
        List<String> delivered = Collections.synchronizedList(new ArrayList<>());
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                delivered.add(body.path("id").asText(body.toString()));
                exchange.sendResponseHeaders(204, -1);
            } catch (IOException e) {
                exchange.sendResponseHeaders(500, -1);
            }
        });
        receiver.start();
        try {
            HttpResponse<String> registered = post(first, "/api/v1/admin/webhook-endpoints", "Authorization", admin,
                    "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\"}");
            assertThat(registered.statusCode()).as(registered.body()).isBetween(200, 201);
            HttpResponse<String> changed = post(second, "/api/v1/billing/subscription/change", "Authorization", member,
                    "{\"plan\":\"pro\"}");
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (delivered.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(4_000); // both schedulers run every second: give a second delivery time to happen
            List<String> copy = List.copyOf(delivered);
            System.out.printf("two replicas: webhook deliveries %d, distinct events %d%n", copy.size(),
                    copy.stream().distinct().count());
            assertThat(copy).isNotEmpty();
            assertThat(copy).doesNotHaveDuplicates();
        } finally {
            receiver.stop(0);
        }
    }

    private static JsonNode meter(JsonNode usage, String key) {
        for (JsonNode m : usage.path("meters")) {
            if (m.path("meter").asText().equals(key)) {
                return m;
            }
        }
        throw new AssertionError("no meter " + key + " in " + usage);
    }

    private static HttpResponse<String> get(ServiceProcess to, String path, String auth) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(to.baseUri() + path)).header("Authorization", auth)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(ServiceProcess to, String path, String header, String value, String body)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(to.baseUri() + path)).header(header, value)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
