package io.billkit.adapter.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request refused before its handler reads the body (here 429 and 401) whose body arrives after its headers:
 * the server reads the body before it answers and keeps the connection. Answered at once, Jetty would close the
 * connection with the body still in flight, and the reset the late body bytes cause can discard the answer on
 * the client (the JDK client reports "HTTP/1.1 header parser received no bytes"; CI saw it on RateLimitTest).
 */
class RejectedBodyConnectionTest {
    private static TestServer api;
    private static String key;

    @BeforeAll
    static void start() {
        HttpConfig base = TestServer.config();
        api = TestServer.start(new HttpConfig(base.host(), 0, base.maxRequestBytes(), base.features(), base.info(),
                base.jwt(), new HttpConfig.RateLimits(1_000, Duration.ofHours(1), 1, Duration.ofHours(1))));
        key = api.apiKey("key_late_body", Optional.empty(), false);
        assertThat(api.post("/api/v1/usage/probe/acme", "{}", "X-Api-Key", key).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void a_rate_limited_post_with_a_late_body_is_answered_and_the_connection_stays_open() throws Exception {
        assertRefusedThenConnectionReused(key, "429 Too Many Requests");
    }

    @Test
    void an_unauthenticated_post_with_a_late_body_is_answered_and_the_connection_stays_open() throws Exception {
        assertRefusedThenConnectionReused("bk_forged_key", "401 Unauthorized");
    }

    private static void assertRefusedThenConnectionReused(String apiKey, String expectedStatusLine) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            write(out, "POST /api/v1/usage/probe/acme HTTP/1.1\r\nHost: billkit\r\nX-Api-Key: " + apiKey
                    + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n");
            Thread.sleep(200);
            write(out, "{}");

            String refused = readResponse(in);
            assertThat(refused).startsWith("HTTP/1.1 " + expectedStatusLine)
                    .contains("Content-Type: application/problem+json")
                    .doesNotContainIgnoringCase("Connection: close");

            write(out, "GET /api/v1/meta/features HTTP/1.1\r\nHost: billkit\r\n\r\n");
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200 OK");
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One response with a Content-Length body, or what arrived before the server closed the connection. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        int headerEnd = -1;
        long contentLength = -1;
        int b;
        while ((b = in.read()) >= 0) {
            received.write(b);
            String text = received.toString(StandardCharsets.US_ASCII);
            if (headerEnd < 0 && text.endsWith("\r\n\r\n")) {
                headerEnd = text.length();
                contentLength = text.lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
                        .map(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim()))
                        .findFirst().orElse(0L);
            }
            if (headerEnd >= 0 && received.size() >= headerEnd + contentLength) {
                break;
            }
        }
        return received.toString(StandardCharsets.US_ASCII);
    }
}
