package io.billkit.bootstrap.replicas;

import io.billkit.bootstrap.process.ServiceProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale-out on one shared PostgreSQL, the parts {@link TwoReplicasIT} does not cover: two service processes (the
 * shaded jar, {@link ServiceProcess}) on one embedded PostgreSQL started here, requests alternating between them.
 * The per-user (session) rate limit holds across the two (Bucket4j's PostgreSQL backend: one bucket, not one per
 * replica); an ended period closed by six concurrent requests and both schedulers yields one invoice and one
 * webhook delivery. Prints the figures.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasPeriodCloseIT {
    private static final Pattern MEMBER_TOKEN = Pattern.compile("member token\\s*:\\s*(\\S+)");
    private static final Pattern ADMIN_TOKEN = Pattern.compile("admin token\\s*:\\s*(\\S+)");
    private static final long RATE_LIMIT = 30;
    private static final String JWT_SECRET = "two-replicas-it-secret-0123456789abcdef0123456789";

    @TempDir
    static Path work;
    private static EmbeddedPostgres postgres;
    private static ServiceProcess a;
    private static ServiceProcess b;
    private static String apiKey;
    private static String memberToken;
    private static String adminToken;
    private static HttpServer receiver;
    private static final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private static final AtomicInteger posts = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startPostgresAndTwoReplicas() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            posts.incrementAndGet();
            String id = Optional.ofNullable(exchange.getRequestHeaders().getFirst("webhook-id")).orElse("no-event-id");
            String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("BillKit-Event-Type")).orElse("?");
            deliveries.computeIfAbsent(type + " " + id, k -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
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
                .env("RATE_LIMIT_INGESTION_REQUESTS", "100000")
                // both schedulers race for period close and webhook delivery
                .env("PERIOD_CLOSE_INTERVAL", "2s")
                .env("PERIOD_CLOSE_GRACE", "1s")
                .env("WEBHOOK_DELIVERY_INTERVAL", "1s")
                .env("WEBHOOK_ALLOW_PRIVATE_HOSTS", "127.0.0.1,localhost");
        // only the first replica seeds the demo customer, key and tokens (a second seed would re-issue the key)
        a = replica.env("DEMO_DATA", "true").start().awaitReady(Duration.ofSeconds(120));
        b = replica.env("DEMO_DATA", "false").start().awaitReady(Duration.ofSeconds(120));
        apiKey = a.demoApiKey();
        Matcher m = MEMBER_TOKEN.matcher(a.stderr() + "\n" + a.stdout());
        assertThat(m.find()).as("member token in the banner").isTrue();
        memberToken = m.group(1);
        Matcher admin = ADMIN_TOKEN.matcher(a.stderr() + "\n" + a.stdout());
        assertThat(admin.find()).as("admin token in the banner").isTrue();
        adminToken = admin.group(1);
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        if (postgres != null) {
            postgres.close();
        }
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
                System.out.println("[two-replicas-close] usage answer " + r.statusCode() + " " + r.body());
            }
        }
        long buckets = count("SELECT count(*) FROM rate_limit_buckets");
        System.out.printf("[two-replicas-close] rate limit across both: sent %d, admitted %d, 429s %d, other %d, "
                + "limit %d per hour (per replica alone it would admit %d); bucket rows %d%n", requests, admitted,
                limited, other, RATE_LIMIT, 2 * RATE_LIMIT, buckets);
        assertThat(other).isZero();
        // one token refills every 2 min at 30/h: the run is far shorter, so at most one extra admission
        assertThat(admitted).isBetween((int) RATE_LIMIT, (int) RATE_LIMIT + 1);
        assertThat(limited).isEqualTo(requests - admitted);
    }

    @Test
    @Order(4)
    void an_ended_period_closes_once_and_its_webhook_is_delivered_once() throws Exception {
        HttpResponse<String> registered = HTTP.send(HttpRequest.newBuilder(
                        URI.create(a.baseUri() + "/api/v1/admin/webhook-endpoints"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"demo\",\"url\":\"http://127.0.0.1:"
                        + receiver.getAddress().getPort() + "/hook\",\"eventTypes\":[\"invoice.created\"]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isBetween(200, 201);
        // the demo subscription started today: move its first period into the past (test data, shared database)
        execute("UPDATE subscriptions SET anchor_date = current_date - 40, period_start = current_date - 40, "
                + "period_end = (current_date - 40 + interval '1 month')::date, "
                + "period_end_at = ((current_date - 40 + interval '1 month')::date)::timestamp AT TIME ZONE 'UTC', "
                + "created_at = (current_date - 40)::timestamp AT TIME ZONE 'UTC', trial_end = NULL "
                + "WHERE customer_id = 'demo' AND status IN ('TRIALING', 'ACTIVE', 'PAST_DUE')");

        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<Integer>> closes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ServiceProcess replica = i % 2 == 0 ? a : b;
                closes.add(pool.submit(() -> HTTP.send(HttpRequest.newBuilder(
                                URI.create(replica.baseUri() + "/api/v1/admin/periods/close"))
                        .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()));
            }
            for (Future<Integer> f : closes) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        Instant deadline = Instant.now().plusSeconds(60);
        while (posts.get() == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        Thread.sleep(5_000); // several more delivery rounds on both replicas: a second delivery would show now
        long invoices = count("SELECT count(*) FROM invoices WHERE customer_id = 'demo'");
        System.out.printf("[two-replicas-close] period close through both (6 requests + 2 schedulers): answers %s, "
                + "invoices %d, webhook posts %d, distinct events %d %s%n", statuses, invoices, posts.get(),
                deliveries.size(), deliveries);
        assertThat(statuses).allSatisfy(status -> assertThat(status).isEqualTo(200));
        assertThat(invoices).isEqualTo(1);
        assertThat(deliveries).hasSize(1);
        assertThat(deliveries.keySet()).singleElement().asString().startsWith("invoice.created ")
                .doesNotContain("no-event-id");
        assertThat(deliveries.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(posts.get()).isEqualTo(1);
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = postgres.getDatabase("postgres", "billkit").getConnection();
             Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(sql)).isEqualTo(1);
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection c = postgres.getDatabase("postgres", "billkit").getConnection();
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
