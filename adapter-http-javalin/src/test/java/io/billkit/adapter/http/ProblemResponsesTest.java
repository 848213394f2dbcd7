package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemResponsesTest {
    private static TestServer api;

    @BeforeAll
    static void start() {
        api = TestServer.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static HttpResponse<String> postCharge(String body) {
        return api.post("/api/v1/billing/probe", body, "Authorization", "Bearer " + api.memberToken());
    }

    private static JsonNode problem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = api.body(response);
        assertThat(problem.get("type").asText()).isEqualTo("https://billkit.io/problems/" + slug);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(UUID.fromString(problem.get("errorId").asText())).isNotNull();
        return problem;
    }

    @Test
    void a_well_formed_body_round_trips_money_as_amount_string_and_currency() {
        HttpResponse<String> response = postCharge(
                "{\"customer\":\"acme\",\"amount\":{\"amount\":\"1250\",\"currency\":\"USD\"},\"quantity\":0.00003}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = api.body(response);
        assertThat(body.get("amount").get("amount").asText()).isEqualTo("1250.00");
        assertThat(body.get("amount").get("amount").isTextual()).isTrue();
        assertThat(body.get("amount").get("currency").asText()).isEqualTo("USD");
        assertThat(body.get("quantity").asText()).isEqualTo("0.00003");
        assertThat(body.get("customer").asText()).isEqualTo("acme");
    }

    @Test
    void malformed_json_is_a_400_problem_with_an_error_id() {
        JsonNode problem = problem(postCharge("{\"customer\": \"acme\", "), 400, "malformed-json");

        assertThat(problem.get("detail").asText()).contains("not valid JSON");
    }

    @Test
    void an_empty_body_is_a_400_problem() {
        problem(postCharge(""), 400, "malformed-json");
    }

    @Test
    void an_unknown_property_is_rejected_naming_the_field() {
        JsonNode problem = problem(postCharge(
                "{\"customer\":\"acme\",\"amount\":{\"amount\":\"1.00\",\"currency\":\"USD\"},\"quantity\":\"1\",\"discount\":5}"),
                400, "malformed-json");

        assertThat(problem.get("field").asText()).isEqualTo("discount");
        assertThat(problem.get("detail").asText()).contains("unknown property 'discount'");
    }

    @Test
    void an_unknown_currency_names_the_money_field() {
        JsonNode problem = problem(postCharge(
                "{\"customer\":\"acme\",\"amount\":{\"amount\":\"1.00\",\"currency\":\"XYZ\"},\"quantity\":\"1\"}"),
                400, "malformed-json");

        assertThat(problem.get("field").asText()).isEqualTo("amount");
        assertThat(problem.get("detail").asText()).contains("unknown currency code 'XYZ'");
    }

    @Test
    void a_violated_record_invariant_is_a_400_naming_the_rule() {
        JsonNode problem = problem(postCharge(
                "{\"customer\":\"acme\",\"amount\":{\"amount\":\"1.00\",\"currency\":\"USD\"},\"quantity\":\"-1\"}"),
                400, "invalid-argument");

        assertThat(problem.get("detail").asText()).isEqualTo("quantity must not be negative");
    }

    @Test
    void an_invalid_customer_id_names_the_field() {
        JsonNode problem = problem(postCharge(
                "{\"customer\":\"no spaces\",\"amount\":{\"amount\":\"1.00\",\"currency\":\"USD\"},\"quantity\":\"1\"}"),
                400, "malformed-json");

        assertThat(problem.get("field").asText()).isEqualTo("customer");
    }

    @Test
    void an_oversized_body_is_413() {
        String big = "{\"customer\":\"acme\",\"pad\":\"" + "x".repeat(2_000) + "\"}";

        problem(postCharge(big), 413, "content-too-large");
    }

    @Test
    void an_unknown_route_is_a_404_problem() {
        JsonNode problem = problem(api.get("/api/v1/nothing-here"), 404, "not-found");

        assertThat(problem.get("detail").asText()).contains("/api/v1/nothing-here");
    }

    @Test
    void an_unexpected_failure_is_500_without_internals() {
        HttpResponse<String> response = api.get("/api/v1/probe/boom");

        problem(response, 500, "internal-error");
        assertThat(response.body()).doesNotContain("postgres", "secret", "IllegalStateException", "at io.");
    }

    @Test
    void a_billing_exception_maps_its_error_code_to_status_and_type() {
        JsonNode problem = problem(api.get("/api/v1/probe/quota"), 403, "quota-exceeded");

        assertThat(problem.get("title").asText()).isEqualTo("Quota exceeded");
        assertThat(problem.get("detail").asText()).isEqualTo("api_calls: 100 of 100 used today");
        assertThat(problem.get("instance").asText()).isEqualTo("/api/v1/probe/quota");
    }
}
