package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.usage.RecordUsageCommand;
import io.billkit.application.port.in.usage.UsageEventInput;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Current usage, usage history, summary and the customer's history over the real use cases (apex catalog). */
class UsageRoutesTest {
    private static TestServer api;

    @BeforeAll
    static void start() {
        api = TestServer.builder().clock("2026-03-10T12:00:00Z").start();
        api.subscribe(TestServer.ACME, "starter");
        api.subscribe(TestServer.GLOBEX, "growth");
        record(TestServer.ACME, "acme-1", "api_calls", "40", "2026-03-10T12:00:00Z");
        record(TestServer.ACME, "acme-2", "api_calls", "2", "2026-03-10T12:00:00Z");
        record(TestServer.GLOBEX, "globex-1", "impressions", "5000", "2026-03-10T12:00:00Z");
    }

    private static void record(CustomerId customer, String id, String meter, String quantity, String at) {
        api.services.recordUsage().record(RecordUsageCommand.single(new UsageEventInput(id, customer, meter,
                new BigDecimal(quantity), Instant.parse(at), Map.of()), Actor.system()));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static JsonNode meter(JsonNode usage, String key) {
        for (JsonNode meter : usage.get("meters")) {
            if (meter.get("meter").asText().equals(key)) {
                return meter;
            }
        }
        throw new AssertionError("no meter " + key + " in " + usage);
    }

    @Test
    void a_member_sees_the_current_period_of_its_own_customer_with_allowance_and_money_as_strings() {
        HttpResponse<String> response = api.get("/api/v1/billing/usage/current", api.member());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode usage = api.body(response);
        assertThat(usage.get("customerId").asText()).isEqualTo("acme");
        assertThat(usage.get("plan").asText()).isEqualTo("starter");
        assertThat(usage.get("periodStart").asText()).isEqualTo("2026-03-10");
        assertThat(usage.get("periodEnd").asText()).isEqualTo("2026-04-10");
        JsonNode apiCalls = meter(usage, "api_calls");
        assertThat(apiCalls.get("used").asText()).isEqualTo("42");
        assertThat(apiCalls.get("included").asText()).isEqualTo("100000");
        assertThat(apiCalls.get("unlimited").asBoolean()).isFalse();
        assertThat(apiCalls.get("remaining").asText()).isEqualTo("99958");
        assertThat(apiCalls.get("mode").asText()).isEqualTo("SOFT");
        assertThat(apiCalls.get("overageCost").get("amount").asText()).isEqualTo("0.00");
        assertThat(apiCalls.get("overageCost").get("currency").asText()).isEqualTo("USD");
    }

    @Test
    void an_admin_reads_another_customer_with_customerId() {
        HttpResponse<String> response = api.get("/api/v1/billing/usage/current?customerId=globex", api.admin());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(meter(api.body(response), "impressions").get("used").asText()).isEqualTo("5000");
    }

    @Test
    void a_member_asking_for_another_customer_gets_403() {
        HttpResponse<String> response = api.get("/api/v1/billing/usage/current?customerId=globex", api.member());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(api.body(response).get("type").asText()).isEqualTo("https://billkit.io/problems/forbidden");
    }

    @Test
    void without_a_token_it_is_401() {
        assertThat(api.get("/api/v1/billing/usage/current").statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/billing/usage/history").statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/billing/summary").statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/billing/history").statusCode()).isEqualTo(401);
    }

    @Test
    void a_customer_without_subscription_gets_404() {
        HttpResponse<String> response = api.get("/api/v1/billing/usage/current", "Authorization",
                "Bearer " + api.token("nobody", CustomerId.of("initech"), Role.MEMBER));

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void history_lists_daily_values_of_one_meter() {
        HttpResponse<String> response = api.get(
                "/api/v1/billing/usage/history?from=2026-03-01&to=2026-03-31&meter=api_calls", api.member());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode days = api.body(response).get("days");
        assertThat(days).hasSize(1);
        assertThat(days.get(0).get("day").asText()).isEqualTo("2026-03-10");
        assertThat(days.get(0).get("meter").asText()).isEqualTo("api_calls");
        assertThat(days.get(0).get("value").asText()).isEqualTo("42");
    }

    @Test
    void history_names_the_bad_query_parameter() {
        HttpResponse<String> badDate = api.get("/api/v1/billing/usage/history?from=March", api.member());
        HttpResponse<String> reversed = api.get("/api/v1/billing/usage/history?from=2026-03-10&to=2026-03-01",
                api.member());
        HttpResponse<String> tooLong = api.get("/api/v1/billing/usage/history?from=2024-01-01&to=2026-03-01",
                api.member());

        assertThat(List.of(badDate, reversed, tooLong)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(400));
        assertThat(api.body(badDate).get("field").asText()).isEqualTo("from");
        assertThat(api.body(reversed).get("field").asText()).isEqualTo("to");
        assertThat(api.body(tooLong).get("field").asText()).isEqualTo("from");
    }

    @Test
    void summary_shows_subscription_spend_usage_and_credits() {
        HttpResponse<String> response = api.get("/api/v1/billing/summary", api.member());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode summary = api.body(response);
        assertThat(summary.get("customerId").asText()).isEqualTo("acme");
        assertThat(summary.get("subscription").get("plan").asText()).isEqualTo("starter");
        assertThat(summary.get("subscription").get("status").asText()).isEqualTo("TRIALING");
        assertThat(summary.get("monthToDateSpend").get("currency").asText()).isEqualTo("USD");
        assertThat(summary.get("usage")).hasSize(3);
        assertThat(summary.get("credits").get("total").asText()).isEqualTo("0");
    }

    @Test
    void history_lists_only_the_customers_own_audit_entries() {
        HttpResponse<String> response = api.get("/api/v1/billing/history?limit=50", api.member());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode entries = api.body(response).get("entries");
        assertThat(entries).isNotEmpty();
        assertThat(entries).allSatisfy(e -> assertThat(e.get("customerId").asText()).isEqualTo("acme"));
        assertThat(entries.findValuesAsText("action")).contains("subscription.created");
        assertThat(api.get("/api/v1/billing/history?limit=0", api.member()).statusCode()).isEqualTo(400);
    }
}
