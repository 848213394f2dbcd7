package io.billkit.bootstrap.replicas;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billkit.bootstrap.process.ServiceProcess;
import io.billkit.bootstrap.process.UsageClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale-out on one shared PostgreSQL: two service processes (the shaded jar, {@link ServiceProcess}) on one
 * embedded PostgreSQL started here, with requests spread over both, no sticky sessions. The same batch sent to
 * both is counted once; quota consumed through both admits no more than its limit; the per-user rate limit
 * holds across the two (Bucket4j's PostgreSQL backend: one bucket, not one per replica). Prints the figures.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MEMBER_TOKEN = Pattern.compile("member token\\s*:\\s*(\\S+)");
    private static final long RATE_LIMIT = 30;
    private static final String JWT_SECRET = "two-replicas-it-secret-0123456789abcdef0123456789";

    @TempDir
    static Path work;
    private static EmbeddedPostgres postgres;
    private static ServiceProcess a;
    private static ServiceProcess b;
    private static String apiKey;
    private static String memberToken;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final UsageClient USAGE = new UsageClient(Duration.ofSeconds(30));

    @BeforeAll
    static void startPostgresAndTwoReplicas() throws Exception {
        postgres = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg")).setCleanDataDirectory(true)
                .setPort(0).start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE billkit");
        }
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/billkit?user=postgres";
        ServiceProcess.Builder replica = ServiceProcess.builder(work.resolve("logs"))
                .env("DATABASE_URL", url)
                .env("BILLING_CATALOG", "mortgage")
                .env("JWT_SECRET", JWT_SECRET)
                .env("BILLKIT_POSTGRES_POOL_SIZE", "4")
                .env("RATE_LIMIT_BILLING_REQUESTS", Long.toString(RATE_LIMIT))
                .env("RATE_LIMIT_BILLING_WINDOW", "1h")
                .env("RATE_LIMIT_INGESTION_REQUESTS", "100000");
        // only the first replica seeds the demo customer, key and tokens (a second seed would re-issue the key)
        a = replica.env("DEMO_DATA", "true").start().awaitReady(Duration.ofSeconds(120));
        b = replica.env("DEMO_DATA", "false").start().awaitReady(Duration.ofSeconds(120));
        apiKey = a.demoApiKey();
        Matcher m = MEMBER_TOKEN.matcher(Files.readString(a.stdoutFile()));
        assertThat(m.find()).as("member token in the banner").isTrue();
        memberToken = m.group(1);
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void the_same_batch_sent_to_both_replicas_is_counted_once() throws Exception {
        int batches = 8;
        int perBatch = 10;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger non2xx = new AtomicInteger();
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (int batch = 0; batch < batches; batch++) {
                List<String> ids = IntStream.range(0, perBatch).mapToObj(i -> "same-" + i).toList();
                int n = batch;
                List<String> batchIds = ids.stream().map(id -> "b" + n + "-" + id).toList();
                for (ServiceProcess replica : List.of(a, b)) {
                    sends.add(pool.submit(() -> {
                        UsageClient.BatchAnswer answer = USAGE.send(replica.baseUri(), apiKey, "api_calls", batchIds, 1);
                        if (!answer.is2xx()) {
                            non2xx.incrementAndGet();
                            System.out.println("[two-replicas] batch answer " + answer);
                        }
                        answer.eventStatuses().values().forEach(status -> {
                            if (status.equals("ACCEPTED")) {
                                accepted.incrementAndGet();
                            } else if (status.equals("DUPLICATE")) {
                                duplicates.incrementAndGet();
                            }
                        });
                    }));
                }
            }
            for (Future<?> f : sends) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int distinct = batches * perBatch;
        long counted = count("SELECT count(*) FROM usage_events WHERE customer_id = 'demo' AND meter = 'api_calls'");
        long rolledUp = count("SELECT coalesce(sum(events), 0)::bigint FROM usage_daily_rollups "
                + "WHERE customer_id = 'demo' AND meter = 'api_calls'");
        System.out.printf("[two-replicas] same batch to both: sent %d events (%d distinct), accepted %d, "
                + "duplicate %d, non-2xx %d, counted %d, rolled up %d%n", 2 * distinct, distinct, accepted.get(),
                duplicates.get(), non2xx.get(), counted, rolledUp);
        assertThat(non2xx.get()).isZero();
        assertThat(accepted.get()).isEqualTo(distinct);
        assertThat(duplicates.get()).isEqualTo(distinct);
        assertThat(counted).isEqualTo(distinct);
        assertThat(rolledUp).isEqualTo(distinct);
    }

    @Test
    @Order(2)
    void quota_consumed_through_both_replicas_admits_no_more_than_its_limit() throws Exception {
        // mortgage "free": ai_requests HARD 10 per day
        long limit = 10;
        int requests = 30;
        ExecutorService pool = Executors.newFixedThreadPool(6);
        AtomicInteger allowed = new AtomicInteger();
        AtomicInteger denied = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                ServiceProcess replica = i % 2 == 0 ? a : b;
                String body = "{\"meter\":\"ai_requests\",\"quantity\":1,\"eventId\":\"quota-" + i + "\"}";
                calls.add(pool.submit(() -> {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                                    URI.create(replica.baseUri() + "/api/v1/quota/consume"))
                            .header("X-Api-Key", apiKey).header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    String admission = r.statusCode() == 200 ? JSON.readTree(r.body()).path("admission").asText() : "";
                    if (admission.equals("ALLOWED")) {
                        allowed.incrementAndGet();
                    } else if (admission.equals("DENIED")) {
                        denied.incrementAndGet();
                    } else {
                        other.incrementAndGet();
                        System.out.println("[two-replicas] quota answer " + r.statusCode() + " " + r.body());
                    }
                    return null;
                }));
            }
            for (Future<?> f : calls) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long counted = count("SELECT count(*) FROM usage_events WHERE customer_id = 'demo' AND meter = 'ai_requests'");
        System.out.printf("[two-replicas] quota through both: requests %d, admitted %d, denied %d, other %d, "
                + "limit %d, events stored %d%n", requests, allowed.get(), denied.get(), other.get(), limit, counted);
        assertThat(other.get()).isZero();
        assertThat(allowed.get()).isEqualTo((int) limit);
        assertThat(denied.get()).isEqualTo(requests - (int) limit);
        assertThat(counted).isEqualTo(limit);
    }

    @Test
    @Order(3)
    void the_per_user_rate_limit_holds_across_both_replicas() throws Exception {
        int requests = (int) (2 * RATE_LIMIT);
        int admitted = 0;
        int limited = 0;
        int other = 0;
        for (int i = 0; i < requests; i++) {
            ServiceProcess replica = i % 2 == 0 ? a : b;
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                            URI.create(replica.baseUri() + "/api/v1/billing/usage/current"))
                    .header("Authorization", "Bearer " + memberToken).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                admitted++;
            } else if (r.statusCode() == 429) {
                limited++;
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
                assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                        t -> assertThat(t).startsWith("application/problem+json"));
            } else {
                other++;
                System.out.println("[two-replicas] usage answer " + r.statusCode() + " " + r.body());
            }
        }
        long buckets = count("SELECT count(*) FROM rate_limit_buckets");
        System.out.printf("[two-replicas] rate limit across both: sent %d, admitted %d, 429s %d, other %d, "
                + "limit %d per hour (per replica alone it would admit %d); bucket rows %d%n", requests, admitted,
                limited, other, RATE_LIMIT, 2 * RATE_LIMIT, buckets);
        assertThat(other).isZero();
        // one token refills every 2 min at 30/h: the run is far shorter, so at most one extra admission
        assertThat(admitted).isBetween((int) RATE_LIMIT, (int) RATE_LIMIT + 1);
        assertThat(limited).isEqualTo(requests - admitted);
    }

    private static long count(String sql) throws Exception {
        try (Connection c = postgres.getDatabase("postgres", "billkit").getConnection();
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
