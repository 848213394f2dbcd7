package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class OperationsRoutesTest {
    private static TestServer api;

    @BeforeAll
    static void start() {
        api = TestServer.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void features_report_the_configured_flags() {
        HttpResponse<String> response = api.get("/api/v1/meta/features");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        JsonNode body = api.body(response);
        assertThat(body.get("billingEnabled").asBoolean()).isTrue();
        assertThat(body.get("transparencyEnabled").asBoolean()).isTrue();
        assertThat(body.get("fraudDetectionEnabled").asBoolean()).isTrue();
        assertThat(body.get("abTestingEnabled").asBoolean()).isTrue();
    }

    @Test
    void info_reports_name_version_catalog_and_payment_provider() {
        JsonNode body = api.body(api.get("/api/v1/meta/info"));

        assertThat(body.get("name").asText()).isEqualTo("BillKit");
        assertThat(body.get("version").asText()).isEqualTo("test-1");
        assertThat(body.get("catalog").asText()).isEqualTo("apex");
        assertThat(body.get("paymentProvider").asText()).isEqualTo("mock");
    }

    @Test
    void liveness_answers_up() {
        HttpResponse<String> response = api.get("/api/v1/health/live");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.body(response).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void readiness_follows_the_readiness_check_and_answers_503_problem_when_not_ready() {
        assertThat(api.get("/api/v1/health/ready").statusCode()).isEqualTo(200);
        api.ready(false);
        try {
            HttpResponse<String> response = api.get("/api/v1/health/ready");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(api.body(response).get("type").asText()).isEqualTo("https://billkit.io/problems/not-ready");
        } finally {
            api.ready(true);
        }
    }

    @Test
    void metrics_count_requests_by_route_template_and_expose_the_billing_counters() {
        String key = api.apiKey("key_metrics", Optional.empty(), false);
        api.post("/api/v1/usage/probe/acme", "{}", "X-Api-Key", key);
        api.post("/api/v1/usage/probe/globex", "{}", "X-Api-Key", key);

        HttpResponse<String> response = api.get("/api/v1/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain"));
        String text = response.body();
        assertThat(text).contains("billkit_http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/usage/probe/{customerId}\",status=\"200\"} 2");
        assertThat(text).doesNotContain("route=\"/api/v1/usage/probe/acme\"");
        assertThat(text).contains("billkit_usage_events_ingested_total");
        assertThat(text).contains("billkit_webhooks_handled_total{outcome=\"applied\"} 0");
    }

    @Test
    void request_id_is_echoed_when_given_and_generated_when_absent() {
        HttpResponse<String> given = api.get("/api/v1/health/live", "X-Request-Id", "req-42");
        HttpResponse<String> generated = api.get("/api/v1/health/live");

        assertThat(given.headers().firstValue("X-Request-Id")).contains("req-42");
        assertThat(generated.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(36));
    }

    @Test
    void problems_carry_the_request_id() {
        HttpResponse<String> response = api.get("/api/v1/nowhere", "X-Request-Id", "req-problem-7");

        assertThat(api.body(response).get("requestId").asText()).isEqualTo("req-problem-7");
    }
}
