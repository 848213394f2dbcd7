package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.billkit.application.port.out.OutboxEvent;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Low credit balance thresholds over HTTP: admin sets per plan or customer, member reads; one alert per crossing. */
class LowBalanceThresholdRoutesTest {
    private TestServer api;

    @BeforeEach
    void start() {
        api = TestServer.builder().clock("2026-03-10T12:00:00Z").catalog(SeedCatalogs.credits()).start();
        api.subscribe(TestServer.ACME, "monthly");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> put(String query, String body, String... headers) {
        HttpRequest.Builder builder = api.request(LowBalanceThresholdRoutes.ADMIN_PATH + query)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return api.send(builder);
    }

    private JsonNode read() {
        HttpResponse<String> response = api.get(LowBalanceThresholdRoutes.MEMBER_PATH, api.member());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return api.body(response);
    }

    private List<OutboxEvent> alerts() {
        return api.ports.outbox().unpublished(1000).stream().filter(e -> e.type().equals("credits.balance_low"))
                .toList();
    }

    private void consume(int inferences, String requestId) {
        HttpResponse<String> response = api.post("/api/v1/billing/credits/consume", "{\"creditEvent\":"
                + "\"ai_inference\",\"quantity\":\"" + inferences + "\",\"requestId\":\"" + requestId + "\"}",
                api.member());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void an_admin_sets_a_plan_and_a_customer_threshold_a_member_reads_it_and_it_alerts_once_per_crossing() {
        assertThat(read().get("threshold").asText()).isEqualTo("1000");
        assertThat(read().get("source").asText()).isEqualTo("DEFAULT");

        HttpResponse<String> plan = put("?plan=monthly", "{\"threshold\": 6000}", api.admin());
        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
        assertThat(api.body(plan).get("plan").asText()).isEqualTo("monthly");
        assertThat(read().get("source").asText()).isEqualTo("PLAN");
        HttpResponse<String> own = put("?customerId=acme", "{\"threshold\": \"7500\"}", api.admin());
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        JsonNode mine = read();
        assertThat(mine.get("threshold").asText()).isEqualTo("7500");
        assertThat(mine.get("source").asText()).isEqualTo("CUSTOMER");
        assertThat(mine.get("customerId").asText()).isEqualTo("acme");

        consume(100, "req-1"); // 10,000 -> 7,500: at the threshold, not below
        assertThat(alerts()).isEmpty();
        consume(1, "req-2"); // 7,475: crossed
        consume(1, "req-3"); // 7,450: still below, no second alert
        assertThat(alerts()).singleElement().satisfies(e ->
                assertThat(e.payload()).containsEntry("threshold", "7500").containsEntry("balance", "7475"));

        assertThat(put("?customerId=acme", "{\"threshold\": null}", api.admin()).statusCode()).isEqualTo(200);
        assertThat(read().get("source").asText()).isEqualTo("PLAN");
        assertThat(read().get("threshold").asText()).isEqualTo("6000");
    }

    @Test
    void members_cannot_set_and_bad_requests_are_4xx() {
        assertThat(put("?customerId=acme", "{\"threshold\": 10}", api.member()).statusCode()).isEqualTo(403);
        assertThat(put("?customerId=acme", "{\"threshold\": -1}", api.admin()).statusCode()).isEqualTo(400);
        assertThat(put("?customerId=acme", "{\"threshold\": 1.0000000000001}", api.admin()).statusCode())
                .isEqualTo(400);
        assertThat(put("", "{\"threshold\": 10}", api.admin()).statusCode()).isEqualTo(400);
        assertThat(put("?customerId=acme&plan=monthly", "{\"threshold\": 10}", api.admin()).statusCode())
                .isEqualTo(400);
        assertThat(put("?customerId=nobody", "{\"threshold\": 10}", api.admin()).statusCode()).isEqualTo(404);
        assertThat(put("?plan=nope", "{\"threshold\": 10}", api.admin()).statusCode()).isEqualTo(400);
        assertThat(put("?customerId=acme", "{\"threshold\": \"ten\"}", api.admin()).statusCode()).isEqualTo(400);
        assertThat(read().get("source").asText()).as("nothing was written").isEqualTo("DEFAULT");
    }
}
