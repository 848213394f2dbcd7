package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inputs a client should never send but an attacker or a broken client will: each gets a 4xx problem naming
 * the field, never a 500, never a response blown up by echoing the input, and nothing is written.
 */
class HostileInputTest {
    private static TestServer api;
    private static TestServer credits;
    private static String serviceKey;

    @BeforeAll
    static void start() {
        api = TestServer.builder().clock("2026-03-10T12:00:00Z").config(TestServer.config(64 * 1024)).start();
        api.subscribe(TestServer.ACME, "scale");
        api.clock.advance(Duration.ofHours(1));
        serviceKey = api.apiKey("key_service", Optional.empty(), false);
        credits = TestServer.builder().clock("2026-03-10T12:00:00Z").catalog(SeedCatalogs.credits())
                .config(TestServer.config(64 * 1024)).start();
        credits.subscribe(TestServer.ACME, credits.catalog.plans().get(0).code().value());
    }

    @AfterAll
    static void stop() {
        api.close();
        credits.close();
    }

    private static void assertBadRequest(HttpResponse<String> response, String type, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode problem = api.body(response);
        assertThat(problem.get("type").asText()).isEqualTo("https://billkit.io/problems/" + type);
        if (field != null) {
            assertThat(problem.path("field").asText()).isEqualTo(field);
        }
        assertThat(response.body().length()).as("the problem does not echo a huge input").isLessThan(2_000);
    }

    @Test
    void a_literal_null_body_is_a_400_not_a_500() {
        assertBadRequest(api.post("/api/v1/quota/check", "null", "X-Api-Key", serviceKey), "malformed-json", null);
        assertBadRequest(api.post("/api/v1/usage/events", "null", "X-Api-Key", serviceKey), "malformed-json", null);
        assertBadRequest(api.post("/api/v1/admin/customers", " null ", api.admin()), "malformed-json", null);
    }

}
