package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Idempotency-Key} on state-changing POSTs (Stripe's way), through real routes and a slow probe route. */
class IdempotencyKeyTest {
    private static final CountDownLatch entered = new CountDownLatch(1);
    private static final CountDownLatch release = new CountDownLatch(1);
    private static final AtomicInteger slowRuns = new AtomicInteger();
    private static TestServer api;
    private static String key;
    private static String otherKey;

    /** A POST that waits for the test's signal, so a second request arrives while it runs. */
    private static final class SlowRoutes implements RouteGroup {
        @Override
        public String name() {
            return "slow";
        }

        @Override
        public void register(RouteRegistry routes) {
            routes.post("/api/v1/billing/slow-probe", Access.MEMBER, "Waits for the test", ctx -> {
                slowRuns.incrementAndGet();
                entered.countDown();
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the slow probe");
                }
                ctx.status(201).json(Map.of("run", slowRuns.get()));
            });
        }
    }

    @BeforeAll
    static void start() {
        api = TestServer.builder().clock("2026-03-10T12:00:00Z").routes(new SlowRoutes()).start();
        api.subscribe(TestServer.ACME, "scale");
        api.clock.advance(java.time.Duration.ofHours(1));
        key = api.apiKey("ingest-acme", Optional.of(TestServer.ACME), false);
        otherKey = api.apiKey("ingest-acme-2", Optional.of(TestServer.ACME), false);
    }

    @AfterAll
    static void stop() {
        release.countDown();
        api.close();
    }

    private static String events(String eventId) {
        return "{\"events\":[{\"eventId\":\"" + eventId + "\",\"meter\":\"api_calls\",\"quantity\":\"2\"}]}";
    }

    private static HttpResponse<String> ingest(String apiKey, String idempotencyKey, String body) {
        return api.post("/api/v1/usage/events", body, "X-Api-Key", apiKey, "Idempotency-Key", idempotencyKey);
    }

    @Test
    void a_retry_with_the_same_key_and_body_replays_the_first_answer_without_running_again() {
        String idem = UUID.randomUUID().toString();
        HttpResponse<String> first = ingest(key, idem, events("idem-e1"));
        HttpResponse<String> retry = ingest(key, idem, events("idem-e1"));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(api.body(first).get("accepted").asLong()).isEqualTo(1);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body()); // a second run would have answered "duplicates":1
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(retry.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
    }

    @Test
    void the_same_key_with_another_body_is_409_and_runs_nothing() {
        String idem = UUID.randomUUID().toString();
        assertThat(ingest(key, idem, events("idem-e2")).statusCode()).isEqualTo(200);

        HttpResponse<String> other = ingest(key, idem, events("idem-e3"));

        assertThat(other.statusCode()).isEqualTo(409);
        JsonNode problem = api.body(other);
        assertThat(problem.get("type").asText()).endsWith("/idempotency-key-reused");
        assertThat(problem.get("field").asText()).isEqualTo("Idempotency-Key");
        // idem-e3 was never recorded: sent without a key it is ACCEPTED, not DUPLICATE
        HttpResponse<String> fresh = api.post("/api/v1/usage/events", events("idem-e3"), "X-Api-Key", key);
        assertThat(api.body(fresh).get("accepted").asLong()).isEqualTo(1);
    }

    @Test
    void keys_belong_to_their_caller() {
        String idem = UUID.randomUUID().toString();
        assertThat(ingest(key, idem, events("idem-e4")).statusCode()).isEqualTo(200);

        HttpResponse<String> otherCaller = ingest(otherKey, idem, events("idem-e5"));

        assertThat(otherCaller.statusCode()).isEqualTo(200);
        assertThat(otherCaller.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(api.body(otherCaller).get("accepted").asLong()).isEqualTo(1);
    }

    @Test
    void a_refused_request_keeps_nothing_so_the_corrected_retry_runs() {
        String idem = UUID.randomUUID().toString();
        HttpResponse<String> bad = ingest(key, idem, "{\"events\":[]}");
        HttpResponse<String> corrected = ingest(key, idem, events("idem-e6"));

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
        assertThat(corrected.headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void a_malformed_key_is_400_naming_the_header() {
        HttpResponse<String> tooLong = ingest(key, "k".repeat(256), events("idem-e7"));

        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(api.body(tooLong).get("field").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void a_second_request_while_the_first_runs_is_409_then_the_answer_replays() throws Exception {
        String idem = UUID.randomUUID().toString();
        String[] headers = {"Authorization", "Bearer " + api.memberToken(), "Idempotency-Key", idem};
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(
                () -> api.post("/api/v1/billing/slow-probe", "{}", headers));
        assertThat(entered.await(60, TimeUnit.SECONDS)).as("the first request reached its handler").isTrue();

        HttpResponse<String> concurrent = api.post("/api/v1/billing/slow-probe", "{}", headers);
        release.countDown();
        HttpResponse<String> firstAnswer = first.get(60, TimeUnit.SECONDS);
        HttpResponse<String> retry = api.post("/api/v1/billing/slow-probe", "{}", headers);

        assertThat(concurrent.statusCode()).isEqualTo(409);
        assertThat(api.body(concurrent).get("type").asText()).endsWith("/idempotency-key-in-use");
        assertThat(concurrent.headers().firstValue("Retry-After")).contains("1");
        assertThat(firstAnswer.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(firstAnswer.body());
        assertThat(slowRuns.get()).isEqualTo(1);
    }
}
