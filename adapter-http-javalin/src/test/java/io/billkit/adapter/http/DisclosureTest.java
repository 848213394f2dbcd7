package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Problem details carry no internals (Java class names, the JWT library's messages, the payment provider's own
 * error text: those are logged with the errorId), and a member's billing history shows no operator's user id,
 * IP address or user agent.
 */
class DisclosureTest {
    private static TestServer api;
    private static String serviceKey;

    @BeforeAll
    static void start() {
        api = TestServer.builder().clock("2026-03-10T12:00:00Z").start();
        api.subscribe(TestServer.ACME, "scale");
        serviceKey = api.apiKey("key_disclosure", Optional.empty(), false);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static void assertNoInternals(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = api.body(response);
        assertThat(problem.get("errorId").asText()).isNotBlank();
        assertThat(problem.get("detail").asText())
                .doesNotContain("java.", "io.billkit", "com.fasterxml", "com.auth0", "Exception", "`", "jackson");
    }

    @Test
    void wrong_json_types_are_described_without_java_class_names() {
        HttpResponse<String>[] responses = new HttpResponse[] {
                api.post("/api/v1/admin/customers", "{\"id\":\"t-1\",\"name\":\"T\",\"taxRate\":true}", api.admin()),
                api.post("/api/v1/admin/customers", "{\"id\":[1],\"name\":\"T\"}", api.admin()),
                api.post("/api/v1/admin/customers", "{\"id\":\"t-1\",\"name\":{\"a\":1}}", api.admin()),
                api.post("/api/v1/admin/customers", "{\"id\":\"bad id!\",\"name\":\"T\"}", api.admin()),
                api.post("/api/v1/admin/customers", "[]", api.admin()),
                api.post("/api/v1/admin/customers", "{\"id\":\"t-1\",\"name\":\"T\",\"paymentTermsDays\":\"x\"}", api.admin()),
                api.post("/api/v1/usage/events", "{\"events\":[{\"eventId\":\"e\",\"customerId\":\"acme\","
                        + "\"meter\":\"api_calls\",\"timestamp\":\"yesterday\"}]}", "X-Api-Key", serviceKey),
                api.post("/api/v1/usage/events", "{\"events\":{}}", "X-Api-Key", serviceKey),
                api.post("/api/v1/usage/events", "{\"events\":[{\"eventId\":\"e\",\"customerId\":\"acme\","
                        + "\"meter\":\"api_calls\",\"properties\":[1]}]}", "X-Api-Key", serviceKey)};
        for (HttpResponse<String> response : responses) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertNoInternals(response);
        }
        assertThat(api.body(responses[0]).get("field").asText()).isEqualTo("taxRate");
        assertThat(api.body(responses[6]).get("field").asText()).isEqualTo("events[0].timestamp");
        assertThat(api.body(responses[6]).get("detail").asText()).contains("ISO-8601");
        assertThat(api.ports.customers().find(CustomerId.of("t-1"))).isEmpty();
        assertThat(api.services.currentUsage().current(TestServer.ACME).toString()).doesNotContain("yesterday");
    }

    @Test
    void a_refused_session_token_does_not_quote_the_jwt_library() {
        String[] tokens = {"not-a-jwt", "a.b.c",
                "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4In0.",
                api.memberToken().substring(0, api.memberToken().length() - 3) + "abc",
                SessionTokens.issueHs256("another-secret-0123456789-0123456789-xyz", Optional.empty(), "eve",
                        TestServer.ACME, Role.ADMIN, api.clock.instant(), api.clock.instant().plusSeconds(600))};
        for (String token : tokens) {
            HttpResponse<String> response = api.get("/api/v1/billing/summary", "Authorization", "Bearer " + token);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            assertNoInternals(response);
            assertThat(api.body(response).get("detail").asText())
                    .doesNotContain("HmacSHA256", "The Token", "doesn't", "Claim", "JSON", "base64", "Base64")
                    .startsWith("the session token is invalid: ");
        }
    }

    @Test
    void the_payment_providers_own_error_text_stays_in_the_log() {
        HttpResponse<String> response = api.get("/api/v1/probe/upstream");

        assertThat(response.statusCode()).isEqualTo(503);
        assertNoInternals(response);
        assertThat(response.body()).doesNotContain("stripe", "sk_live", "req_8xYz", "Invalid API Key");
        assertThat(api.body(response).get("type").asText()).endsWith("/provider-unavailable");
        assertThat(api.body(response).get("detail").asText()).contains("errorId");
    }

    @Test
    void a_members_history_shows_operators_without_their_user_id_ip_or_user_agent() {
        HttpResponse<String> upsert = api.send(api.request("/api/v1/admin/customers")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"acme\",\"name\":\"Acme Corp\"}"))
                .header("Content-Type", "application/json").header("User-Agent", "OpsConsole/9.9")
                .header("Authorization", "Bearer " + api.token("ops-root-42", TestServer.ACME, Role.ADMIN)));
        assertThat(upsert.statusCode()).as(upsert.body()).isEqualTo(200);
        HttpResponse<String> cancel = api.send(api.request("/api/v1/billing/subscription/cancel")
                .POST(HttpRequest.BodyPublishers.ofString("{\"atPeriodEnd\":true}"))
                .header("Content-Type", "application/json").header("User-Agent", "AliceBrowser/1.0")
                .header("Authorization", "Bearer " + api.memberToken()));
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);

        HttpResponse<String> member = api.get("/api/v1/billing/history?limit=100", api.member());
        HttpResponse<String> admin = api.get("/api/v1/billing/history?limit=100&customerId=acme", api.admin());

        assertThat(member.statusCode()).isEqualTo(200);
        assertThat(member.body()).doesNotContain("ops-root-42", "OpsConsole", "127.0.0.1\",\"userAgent\":\"Ops");
        JsonNode entries = api.body(member).get("entries");
        assertThat(entries.findValuesAsText("actor")).contains("operator", "you", "system")
                .doesNotContain("ops-root-42", "alice");
        for (JsonNode entry : entries) {
            if (!entry.get("actor").asText().equals("you")) {
                assertThat(entry.has("ip")).as(entry.toString()).isFalse();
                assertThat(entry.has("userAgent")).as(entry.toString()).isFalse();
            } else {
                assertThat(entry.get("userAgent").asText()).isEqualTo("AliceBrowser/1.0");
            }
        }
        assertThat(admin.body()).as("an admin still sees who did it").contains("ops-root-42", "OpsConsole/9.9");
    }
}
