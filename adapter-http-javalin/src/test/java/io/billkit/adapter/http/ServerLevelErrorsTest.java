package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors Jetty answers itself, before any route runs, are problem+json like every other failure (never Jetty's
 * HTML page), and a request refused this way writes nothing. Sent over a raw socket: the JDK client refuses to
 * send most of these.
 */
class ServerLevelErrorsTest {
    private static TestServer api;

    @BeforeAll
    static void start() {
        api = TestServer.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static RawHttp.Response get(String target, String extraHeaders) {
        return RawHttp.send(api.server.port(), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders
                + "Connection: close\r\n\r\n", new byte[0]);
    }

    private static JsonNode assertProblem(RawHttp.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("<html", "Jetty", "org.eclipse");
        JsonNode problem;
        try {
            problem = api.json.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
        assertThat(problem.get("type").asText()).isEqualTo("https://billkit.io/problems/" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(problem.get("errorId").asText()).hasSize(36);
        return problem;
    }

    @Test
    void a_request_target_over_8_kb_is_a_414_problem() {
        assertProblem(get("/api/v1/" + "a".repeat(9_000), ""), 414, "uri-too-long");
        assertProblem(get("/api/v1/meta/info?x=" + "a".repeat(9_000), ""), 414, "uri-too-long");
    }

    @Test
    void a_20_kb_header_is_a_431_problem() {
        assertProblem(get("/api/v1/meta/info", "X-Big: " + "b".repeat(20_000) + "\r\n"), 431, "headers-too-large");
    }

    @Test
    void nul_and_non_utf8_bytes_in_the_path_are_400_problems() {
        assertProblem(get("/api/v1/meta/%00info", ""), 400, "bad-request");
        assertProblem(get("/api/v1/meta/%FFinfo", ""), 400, "bad-request");
        assertProblem(get("/api/v1/meta/%C0%AFinfo", ""), 400, "bad-request");
        assertProblem(get("/api/v1/billing/invoices/%ED%A0%80", "Authorization: Bearer " + api.memberToken() + "\r\n"),
                400, "bad-request");
    }

    @Test
    void a_bad_content_length_is_a_400_problem_and_nothing_is_written() {
        String body = "{\"id\":\"cl-corp\",\"name\":\"CL Corp\"}";
        String head = "POST /api/v1/admin/customers HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer " + api.adminToken() + "\r\n";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        assertProblem(RawHttp.send(api.server.port(), head + "Content-Length: abc\r\nConnection: close\r\n\r\n", bytes),
                400, "bad-request");
        assertProblem(RawHttp.send(api.server.port(), head + "Content-Length: " + bytes.length + "\r\nContent-Length: "
                + (bytes.length + 1) + "\r\nConnection: close\r\n\r\n", bytes), 400, "bad-request");
        assertProblem(RawHttp.send(api.server.port(), head + "Content-Length: -5\r\nConnection: close\r\n\r\n", bytes),
                400, "bad-request");

        assertThat(api.ports.customers().find(CustomerId.of("cl-corp"))).isEmpty();
    }

    @Test
    void a_wrong_method_on_a_known_path_is_a_405_with_allow() {
        RawHttp.Response response = RawHttp.send(api.server.port(), "DELETE /api/v1/meta/info HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n", new byte[0]);

        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.header("Allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void malformed_utf8_in_a_query_parameter_is_a_400_naming_it() {
        String auth = "Authorization: Bearer " + api.memberToken() + "\r\n";
        for (String value : new String[] {"%C0%AF", "%ED%A0%80", "%FF", "%E2%82", "%00", "%G1"}) {
            JsonNode problem = assertProblem(get("/api/v1/billing/invoices?status=" + value, auth), 400,
                    "invalid-encoding");
            assertThat(problem.get("field").asText()).isEqualTo("status");
        }
        assertThat(get("/api/v1/billing/invoices?status=OPEN", auth).status()).isEqualTo(200);
        assertThat(get("/api/v1/billing/invoices?status=%4F%50%45%4E", auth).status()).isEqualTo(200);
    }

    @Test
    void other_refusals_before_routing_are_problems_too() {
        String[] requests = {
                "GET /api/v1/meta/%2e%2e/%2e%2e/etc/passwd HTTP/1.1", "GET /api/v1/meta%2Finfo HTTP/1.1",
                "GET /api/v1/meta/info%5C HTTP/1.1", "TRACE /api/v1/meta/info HTTP/1.1", "BREW /api/v1/meta/info HTTP/1.1",
                "GET /api/v1/meta/info HTTP/9.9", "GET api/v1/meta/info HTTP/1.1", "GET /api/v1/meta/%zz HTTP/1.1"};
        for (String line : requests) {
            RawHttp.Response response = RawHttp.send(api.server.port(), line + "\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n", new byte[0]);
            if (response.status() >= 400) {
                assertThat(response.header("Content-Type")).as(line + " " + response.body())
                        .startsWith("application/problem+json");
                assertThat(response.body()).as(line).doesNotContain("<html");
            }
        }
    }
}
