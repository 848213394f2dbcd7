package io.billkit.adapter.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest {
    private static TestServer api;

    @BeforeAll
    static void start() {
        HttpConfig base = TestServer.config();
        api = TestServer.start(new HttpConfig(base.host(), 0, base.maxRequestBytes(), base.features(), base.info(),
                base.jwt(), new HttpConfig.RateLimits(2, Duration.ofHours(1), 3, Duration.ofHours(1))));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void a_user_gets_429_with_retry_after_once_the_billing_budget_is_spent() {
        String token = "Bearer " + api.token("bob", TestServer.ACME, Role.MEMBER);

        assertThat(api.get("/api/v1/billing/probe", "Authorization", token).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/billing/probe", "Authorization", token).statusCode()).isEqualTo(200);
        HttpResponse<String> third = api.get("/api/v1/billing/probe", "Authorization", token);

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(api.body(third).get("type").asText()).isEqualTo("https://billkit.io/problems/rate-limited");
        long retryAfter = Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 3_600L);
    }

    @Test
    void real_billing_routes_share_the_users_budget() {
        String token = "Bearer " + api.token("grace", TestServer.ACME, Role.MEMBER);

        assertThat(api.get("/api/v1/billing/plans", "Authorization", token).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/billing/credit-products", "Authorization", token).statusCode()).isEqualTo(200);
        HttpResponse<String> third = api.get("/api/v1/billing/usage/current", "Authorization", token);

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void an_api_key_is_limited_on_the_real_ingestion_route() {
        String key = api.apiKey("key_real_limit", Optional.of(TestServer.ACME), false);
        String body = "{\"events\":[{\"eventId\":\"e\",\"meter\":\"api_calls\"}]}";
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/api/v1/usage/events", body, "X-Api-Key", key).statusCode()).isNotEqualTo(429);
        }

        assertThat(api.post("/api/v1/quota/check", "{\"meter\":\"api_calls\"}", "X-Api-Key", key).statusCode())
                .isEqualTo(429);
    }

    @Test
    void budgets_are_per_user() {
        String dave = "Bearer " + api.token("dave", TestServer.ACME, Role.MEMBER);
        String erin = "Bearer " + api.token("erin", TestServer.ACME, Role.MEMBER);
        api.get("/api/v1/billing/probe", "Authorization", dave);
        api.get("/api/v1/billing/probe", "Authorization", dave);

        assertThat(api.get("/api/v1/billing/probe", "Authorization", dave).statusCode()).isEqualTo(429);
        assertThat(api.get("/api/v1/billing/probe", "Authorization", erin).statusCode()).isEqualTo(200);
    }

    @Test
    void routes_outside_billing_are_not_limited_per_user() {
        String frank = "Bearer " + api.token("frank", TestServer.ACME, Role.ADMIN);

        for (int i = 0; i < 4; i++) {
            assertThat(api.get("/api/v1/admin/probe", "Authorization", frank).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void an_api_key_has_its_own_ingestion_budget() {
        String key = api.apiKey("key_limited", Optional.empty(), false);
        String other = api.apiKey("key_other", Optional.empty(), false);
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/api/v1/usage/probe/acme", "{}", "X-Api-Key", key).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> fourth = api.post("/api/v1/usage/probe/acme", "{}", "X-Api-Key", key);

        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.headers().firstValue("Retry-After")).isPresent();
        assertThat(api.post("/api/v1/usage/probe/acme", "{}", "X-Api-Key", other).statusCode()).isEqualTo(200);
    }
}
