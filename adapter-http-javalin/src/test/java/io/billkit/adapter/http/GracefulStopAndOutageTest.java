package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A stop drains the requests in flight and refuses new connections; an unreachable database answers 503. */
class GracefulStopAndOutageTest {

    @Test
    void a_request_in_flight_when_the_server_stops_completes_and_new_connections_are_refused() throws Exception {
        TestServer test = TestServer.start();
        int port = test.server.port();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/probe/slow?millis=5000")).build(),
                HttpResponse.BodyHandlers.ofString());
        awaitActive(test);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> test.server.stop(Duration.ofSeconds(20)));
        // once the drain began, a new client cannot connect, while the stop still waits for the slow request
        awaitConnectionsRefused(port);
        assertThat(stopping).isNotDone();

        HttpResponse<String> answer = inFlight.get(20, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"slept\":\"5000\"");
        stopping.get(20, TimeUnit.SECONDS);
    }

    @Test
    void a_request_still_running_after_the_drain_time_does_not_hold_the_stop() throws Exception {
        TestServer test = TestServer.start();
        int port = test.server.port();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/probe/slow?millis=60000")).build(),
                HttpResponse.BodyHandlers.ofString());
        awaitActive(test);
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> test.server.stop(Duration.ofMillis(300)));
        // the stop returns although the request would run for a minute (it is cut off)
        stopping.get(30, TimeUnit.SECONDS);
        assertThat(inFlight.handle((r, e) -> r == null || r.statusCode() != 200).get(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void no_pooled_connection_or_a_terminated_one_answers_503_problem_json_with_retry_after() throws Exception {
        try (TestServer test = TestServer.start()) {
            for (String probe : new String[] {"database-down", "connection-terminated"}) {
                HttpResponse<String> answer = test.get("/api/v1/probe/" + probe);
                assertThat(answer.statusCode()).as(probe).isEqualTo(503);
                assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(answer.headers().firstValue("Retry-After")).contains("5");
                JsonNode problem = test.json.readTree(answer.body());
                assertThat(problem.path("type").asText()).endsWith("/database-unavailable");
                assertThat(problem.path("status").asInt()).isEqualTo(503);
                assertThat(answer.body()).doesNotContain("Connection is not available").doesNotContain("FATAL");
            }
            // a SQL error that is not about reaching the database stays a 500
            assertThat(test.get("/api/v1/probe/sql-bug").statusCode()).isEqualTo(500);
        }
    }

    /** Waits (bounded) until a fresh connection to {@code port} is refused. */
    private static void awaitConnectionsRefused(int port) throws InterruptedException {
        HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int i = 0; i < 300; i++) {
            try {
                fresh.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/health/live")).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException refused) {
                return;
            } catch (java.io.IOException other) {
                // the connection was accepted and then closed: the stop is under way, try again
            }
            Thread.sleep(10);
        }
        throw new AssertionError("new connections were still accepted 3 s after the stop began");
    }

    private static void awaitActive(TestServer test) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (test.server.requestsInFlight() > 0) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the slow request never started");
    }
}
