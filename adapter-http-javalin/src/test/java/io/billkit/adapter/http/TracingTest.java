package io.billkit.adapter.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * W3C trace context: a caller's {@code traceparent} reaches the request's log lines (MDC) and the outgoing webhook
 * POST made while serving it; a missing or malformed one starts a new trace.
 */
class TracingTest {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    private static TestServer api;
    private static HttpServer receiver;
    private static final List<String> received = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeAll
    static void start() throws IOException {
        api = TestServer.start();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        api.close();
        receiver.stop(0);
    }

    @BeforeEach
    void capture() {
        received.clear();
        logs.start();
        ((Logger) LoggerFactory.getLogger(ProbeRoutes.class)).addAppender(logs);
    }

    private HttpResponse<String> probe(String... headers) {
        return api.post("/api/v1/probe/trace?to=http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "",
                headers);
    }

    @Test
    void a_given_traceparent_reaches_the_log_mdc_the_outgoing_webhook_and_the_traceresponse() {
        HttpResponse<String> response = probe("traceparent", PARENT);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = api.body(response);
        assertThat(body.get("traceId").asText()).isEqualTo(TRACE_ID);
        String span = body.get("spanId").asText();
        assertThat(span).matches("[0-9a-f]{16}").isNotEqualTo("00f067aa0ba902b7");
        assertThat(logs.list).anySatisfy(event -> {
            assertThat(event.getFormattedMessage()).isEqualTo("trace probe");
            assertThat(event.getMDCPropertyMap()).containsEntry("traceId", TRACE_ID).containsEntry("spanId", span);
        });
        assertThat(received).containsExactly("00-" + TRACE_ID + "-" + span + "-01");
        assertThat(response.headers().firstValue("traceresponse")).contains("00-" + TRACE_ID + "-" + span + "-01");
    }

    @Test
    void without_a_traceparent_the_request_starts_a_new_trace_and_propagates_it() {
        HttpResponse<String> response = probe();

        String trace = api.body(response).get("traceId").asText();
        assertThat(trace).matches("[0-9a-f]{32}").isNotEqualTo(TRACE_ID);
        assertThat(received).singleElement().satisfies(header -> assertThat(header).startsWith("00-" + trace + "-"));
    }

    @Test
    void a_malformed_traceparent_is_ignored_and_a_new_trace_is_started() {
        for (String bad : List.of(PARENT.toUpperCase(), PARENT + "-x", "ff" + PARENT.substring(2),
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01", PARENT.substring(1))) {
            HttpResponse<String> response = probe("traceparent", bad);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(api.body(response).get("traceId").asText()).as(bad).isNotEqualTo(TRACE_ID)
                    .matches("[0-9a-f]{32}");
        }
    }

    @Test
    void after_the_request_the_serving_thread_holds_no_trace() {
        probe("traceparent", PARENT);
        // a request without a header on any (possibly the same) thread never sees the previous trace
        for (int i = 0; i < 5; i++) {
            assertThat(api.body(probe()).get("traceId").asText()).isNotEqualTo(TRACE_ID);
        }
    }
}
