package io.billkit.adapter.http;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** A wrong method on a known path is a 405 problem, not a 404; an unknown path stays 404. */
class MethodNotAllowedTest {
    @Test
    void delete_on_a_get_only_route_is_405_problem_json() {
        try (TestServer api = TestServer.start()) {
            HttpResponse<String> response = api.send(api.request("/api/v1/billing/invoices")
                    .method("DELETE", HttpRequest.BodyPublishers.noBody()));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(405);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    ct -> assertThat(ct).startsWith("application/problem+json"));
            assertThat(api.body(response).get("type").asText())
                    .isEqualTo("https://billkit.io/problems/method-not-allowed");
            HttpResponse<String> unknown = api.get("/api/v1/no-such-route");
            assertThat(unknown.statusCode()).isEqualTo(404);
        }
    }
}
