package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** AI cost governance over HTTP on the mortgage seed: acme on Pro (USD 0.00003 per AI token). */
class AiGovernanceRoutesTest {
    private static TestServer api;
    private static String acmeKey;
    private static String globexKey;

    @BeforeAll
    static void start() {
        api = TestServer.builder().clock("2026-03-01T00:00:00Z").catalog(SeedCatalogs.mortgage()).start();
        api.subscribe(TestServer.ACME, "pro");
        api.subscribe(TestServer.GLOBEX, "pro");
        api.clock.set(java.time.Instant.parse("2026-03-10T12:00:00Z"));
        acmeKey = api.apiKey("key_ai_acme", Optional.of(TestServer.ACME), false);
        globexKey = api.apiKey("key_ai_globex", Optional.of(TestServer.GLOBEX), false);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static HttpResponse<String> put(String path, String body, String... headers) {
        return api.send(api.request(path).PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").headers(headers));
    }

    @Test
    void an_admin_sets_the_governance_a_member_reads_it_and_the_backend_is_checked_against_it() {
        String governance = """
                {"dailyBudget":{"amount":"3.00","currency":"USD"},"allowedModels":["gpt-large","gpt-small"],
                 "fallbackModel":"gpt-small"}""";
        assertThat(put("/api/v1/admin/ai/governance?customerId=acme", governance, api.member()).statusCode())
                .isEqualTo(403);
        HttpResponse<String> set = put("/api/v1/admin/ai/governance?customerId=acme", governance, api.admin());
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);

        HttpResponse<String> read = api.get("/api/v1/ai/governance", api.member());
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode body = api.body(read);
        assertThat(body.get("dailyBudget").get("amount").asText()).isEqualTo("3.00");
        assertThat(body.get("allowedModels").findValuesAsText("")).isEmpty();
        assertThat(body.get("allowedModels").toString()).isEqualTo("[\"gpt-large\",\"gpt-small\"]");
        assertThat(body.get("fallbackModel").asText()).isEqualTo("gpt-small");

        HttpResponse<String> onFallback = api.post("/api/v1/ai/check",
                "{\"model\":\"gpt-huge\",\"estimatedTokens\":\"1000\"}", "X-Api-Key", acmeKey);
        assertThat(onFallback.statusCode()).as(onFallback.body()).isEqualTo(200);
        assertThat(api.body(onFallback).get("decision").asText()).isEqualTo("ALLOWED_ON_FALLBACK");
        assertThat(api.body(onFallback).get("model").asText()).isEqualTo("gpt-small");

        HttpResponse<String> allowed = api.post("/api/v1/ai/check",
                "{\"model\":\"gpt-large\",\"estimatedTokens\":\"99000\"}", "X-Api-Key", acmeKey);
        JsonNode decision = api.body(allowed);
        assertThat(decision.get("decision").asText()).isEqualTo("ALLOWED");
        assertThat(decision.get("estimatedCost").get("amount").asText()).isEqualTo("2.97");
        assertThat(decision.get("daily").get("status").asText()).isEqualTo("WITHIN");
        String reservation = decision.get("reservationId").asText();

        HttpResponse<String> denied = api.post("/api/v1/ai/check",
                "{\"model\":\"gpt-large\",\"estimatedTokens\":\"1000\"}", "X-Api-Key", acmeKey);
        assertThat(api.body(denied).get("decision").asText()).isEqualTo("DENIED");
        assertThat(api.body(denied).get("reason").asText()).isEqualTo("DAILY_BUDGET_EXCEEDED");
        assertThat(api.body(denied).get("fallbackModel").asText()).isEqualTo("gpt-small");
        assertThat(api.body(denied).has("reservationId")).isFalse();

        HttpResponse<String> settled = api.post("/api/v1/ai/reservations/" + reservation + "/settle",
                "{\"tokens\":\"50000\"}", "X-Api-Key", acmeKey);
        assertThat(settled.statusCode()).as(settled.body()).isEqualTo(200);
        assertThat(api.body(settled).get("usageEventId").asText()).isEqualTo("ai-" + reservation);
        assertThat(api.post("/api/v1/ai/reservations/" + reservation + "/settle", "{\"tokens\":\"1\"}",
                "X-Api-Key", acmeKey).statusCode()).isEqualTo(409);

        HttpResponse<String> afterSettle = api.post("/api/v1/ai/check",
                "{\"model\":\"gpt-large\",\"estimatedTokens\":\"1000\"}", "X-Api-Key", acmeKey);
        assertThat(api.body(afterSettle).get("decision").asText()).isEqualTo("ALLOWED");
    }

    @Test
    void bad_input_is_a_400_naming_the_field_and_changes_nothing() {
        HttpResponse<String> negative = put("/api/v1/admin/ai/governance?customerId=acme",
                "{\"dailyBudget\":{\"amount\":\"-1\",\"currency\":\"USD\"}}", api.admin());
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(negative.body()).contains("dailyBudget");
        HttpResponse<String> fallback = put("/api/v1/admin/ai/governance?customerId=acme",
                "{\"allowedModels\":[\"a\"],\"fallbackModel\":\"b\"}", api.admin());
        assertThat(fallback.statusCode()).isEqualTo(400);
        assertThat(fallback.body()).contains("fallbackModel");
        HttpResponse<String> noCustomer = put("/api/v1/admin/ai/governance", "{}", api.admin());
        assertThat(noCustomer.statusCode()).isEqualTo(400);

        HttpResponse<String> noModel = api.post("/api/v1/ai/check", "{\"estimatedTokens\":\"5\"}", "X-Api-Key", acmeKey);
        assertThat(noModel.statusCode()).isEqualTo(400);
        assertThat(noModel.body()).contains("model");
        HttpResponse<String> negativeTokens = api.post("/api/v1/ai/check",
                "{\"model\":\"m\",\"estimatedTokens\":\"-5\"}", "X-Api-Key", acmeKey);
        assertThat(negativeTokens.statusCode()).isEqualTo(400);
        assertThat(negativeTokens.body()).contains("estimatedTokens");
        assertThat(api.post("/api/v1/ai/check", "{\"model\":\"m\",\"estimatedTokens\":\"5\"}").statusCode())
                .isEqualTo(401);
        assertThat(api.post("/api/v1/ai/reservations/nope/settle", "{\"tokens\":\"5\"}", "X-Api-Key", acmeKey)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void a_member_reads_usage_statistics_per_model_and_the_quota_prediction() {
        String events = """
                {"events":[{"eventId":"stat-1","customerId":"globex","meter":"ai_tokens","quantity":"1000",
                  "timestamp":"2026-03-10T01:00:00Z","properties":{"model":"gpt-large"}},
                 {"eventId":"stat-2","customerId":"globex","meter":"ai_tokens","quantity":"300",
                  "timestamp":"2026-03-10T02:00:00Z","properties":{"model":"gpt-small"}}]}""";
        HttpResponse<String> recorded = api.post("/api/v1/usage/events", events, "X-Api-Key", globexKey);
        assertThat(recorded.statusCode()).as(recorded.body()).isIn(200, 202, 207);

        HttpResponse<String> stats = api.get("/api/v1/ai/usage?from=2026-03-10&to=2026-03-10&customerId=globex", api.admin());
        assertThat(stats.statusCode()).as(stats.body()).isEqualTo(200);
        JsonNode body = api.body(stats);
        assertThat(body.get("modelProperty").asText()).isEqualTo("model");
        assertThat(body.get("models").findValuesAsText("model")).contains("gpt-large", "gpt-small");
        JsonNode small = body.get("models").findParents("model").stream()
                .filter(n -> n.get("model").asText().equals("gpt-small")).findFirst().orElseThrow();
        assertThat(small.get("tokens").asText()).isEqualTo("300");
        assertThat(small.get("requests").asLong()).isEqualTo(1);

        assertThat(api.get("/api/v1/ai/usage?from=2026-03-10", api.member()).body()).contains("to");
        assertThat(api.get("/api/v1/ai/usage?from=2026-03-10&to=2026-03-09", api.member()).statusCode()).isEqualTo(400);

        api.ai.takeUsageSnapshots().takeFinishedDays();
        HttpResponse<String> snapshots = api.get("/api/v1/billing/usage/snapshots?from=2026-03-01&to=2026-03-31&customerId=globex",
                api.admin());
        assertThat(snapshots.statusCode()).as(snapshots.body()).isEqualTo(200);
        assertThat(api.body(snapshots).get("snapshots").findValuesAsText("day")).containsExactly("2026-03-08", "2026-03-09");
        assertThat(api.body(snapshots).get("snapshots").get(0).get("quantities").get("ai_tokens").asText()).isEqualTo("0");
        assertThat(api.get("/api/v1/billing/usage/snapshots?from=2026-03-01", api.member()).statusCode()).isEqualTo(400);

        HttpResponse<String> prediction = api.get("/api/v1/ai/prediction", api.member());
        assertThat(prediction.statusCode()).as(prediction.body()).isEqualTo(200);
        JsonNode p = api.body(prediction);
        assertThat(p.get("windows").findValuesAsText("meter")).contains("ai_requests", "ai_tokens");
        assertThat(p.get("recommendation").get("action").asText()).isNotBlank();
        assertThat(p.has("estimatedCostToPeriodEnd")).isTrue();
    }
}
