package io.billkit.adapter.http;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing (Jazzer) of the JSON body reader and the usage batch parser, through the real server:
 * arbitrary bytes are POSTed to the usage batch route and to the other JSON write routes. Whatever the body, the
 * answer is never a 5xx, and every 4xx is {@code application/problem+json} with a status and a type. Runs for a few
 * seconds in every build (JAZZER_FUZZ=1 in this module's surefire configuration); longer with
 * {@code JAZZER_MAX_DURATION}. Findings are written under {@code src/test/resources/.../HttpBodiesFuzzTestInputs}
 * and replayed by every later build.
 */
class HttpBodiesFuzzTest {
    private static final List<String> ROUTES = List.of(
            "/api/v1/usage/events", "/api/v1/usage/events", "/api/v1/usage/events", "/api/v1/usage/events",
            "/api/v1/quota/check", "/api/v1/quota/consume", "/api/v1/admin/customers",
            "/api/v1/billing/credits/consume", "/api/v1/admin/customers/acme/credit-grants",
            "/api/v1/admin/subscriptions", "/api/v1/billing/reconcile");
    private static TestServer api;
    private static String serviceKey;

    @BeforeAll
    static void start() {
        HttpConfig base = TestServer.config(64 * 1024);
        HttpConfig unlimited = new HttpConfig(base.host(), base.port(), base.maxRequestBytes(), base.features(),
                base.info(), base.jwt(), new HttpConfig.RateLimits(1_000_000_000L, Duration.ofMinutes(1),
                1_000_000_000L, Duration.ofMinutes(1)));
        api = TestServer.builder().config(unlimited).catalog(SeedCatalogs.apex()).clock("2026-03-10T12:00:00Z").start();
        api.subscribe(TestServer.ACME, "scale");
        serviceKey = api.apiKey("key_fuzz", Optional.empty(), false);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @FuzzTest(maxDuration = "2m") // the build passes -runs, -seed and -max_total_time: see fuzz.seed in the parent pom
    void any_body_is_answered_without_a_server_error(FuzzedDataProvider data) throws Exception {
        String route = ROUTES.get(data.consumeInt(0, ROUTES.size() - 1));
        byte[] body = data.consumeRemainingAsBytes();
        HttpRequest.Builder request = api.request(route)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "fuzz-idempotency-key-0001")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (route.startsWith("/api/v1/usage") || route.startsWith("/api/v1/quota")) {
            request.header("X-Api-Key", serviceKey);
        } else {
            String[] admin = api.admin();
            request.header(admin[0], admin[1]);
        }
        HttpResponse<String> response = api.send(request);
        assertThat(response.statusCode()).as("%s %s", route, response.body()).isLessThan(500);
        if (response.statusCode() >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).as(response.body())
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = api.body(response);
            assertThat(problem.path("status").asInt()).isEqualTo(response.statusCode());
            assertThat(problem.path("type").asText()).isNotEmpty();
        }
    }
}
