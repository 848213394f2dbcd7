package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies are strict UTF-8: an overlong form ({@code C0 AF}, which a lenient decoder reads as {@code /}), an encoded
 * surrogate ({@code ED A0 80}), a stray byte, a truncated sequence, and a lone surrogate written as a JSON escape
 * are 400 problems, and nothing is stored (no {@code /}, {@code U+FFFD} or {@code ?} in its place).
 */
class MalformedEncodingTest {
    private static TestServer api;
    private static String serviceKey;

    @BeforeAll
    static void start() {
        api = TestServer.builder().clock("2026-03-10T12:00:00Z").start();
        api.subscribe(TestServer.ACME, "scale");
        serviceKey = api.apiKey("key_encoding", Optional.empty(), false);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static HttpResponse<String> postBytes(String path, byte[] body, String... headers) {
        return api.send(api.request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json").headers(headers));
    }

    private static JsonNode assertProblem(HttpResponse<String> response, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = api.body(response);
        assertThat(problem.get("type").asText()).isEqualTo("https://billkit.io/problems/" + type);
        return problem;
    }

    @Test
    void malformed_utf8_in_a_customer_body_is_a_400_and_the_customer_is_not_stored() {
        byte[][] malformed = {
                {(byte) 0xC0, (byte) 0xAF},               // overlong '/'
                {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},  // overlong '/' in three bytes
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80},  // an encoded high surrogate (CESU-8)
                {(byte) 0xFF},                            // never valid
                {(byte) 0xE2, (byte) 0x82},               // truncated euro sign
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}}; // past U+10FFFF
        for (byte[] bad : malformed) {
            JsonNode problem = assertProblem(postBytes("/api/v1/admin/customers",
                    bytes("{\"id\":\"enc-1\",\"name\":\"Evil", bad, "Corp\"}"), api.admin()), "invalid-encoding");
            assertThat(problem.get("field").asText()).isEqualTo("request body");
        }
        assertThat(api.ports.customers().find(CustomerId.of("enc-1"))).isEmpty();
    }

    @Test
    void a_lone_surrogate_escape_is_a_400_naming_the_field_and_nothing_is_stored() {
        for (String escape : new String[] {"\\uD800", "\\uDC00", "\\uD800x", "\\uDBFF\\uDBFF"}) {
            JsonNode problem = assertProblem(api.post("/api/v1/admin/customers",
                    "{\"id\":\"enc-2\",\"name\":\"Evil" + escape + "Corp\"}", api.admin()), "malformed-json");
            assertThat(problem.get("field").asText()).isEqualTo("name");
            assertThat(problem.get("detail").asText()).contains("surrogate");
        }
        assertThat(api.ports.customers().find(CustomerId.of("enc-2"))).isEmpty();
        HttpResponse<String> pair = api.post("/api/v1/admin/customers",
                "{\"id\":\"enc-3\",\"name\":\"Emoji \\uD83D\\uDE00 Corp\"}", api.admin());
        assertThat(pair.statusCode()).as("a proper surrogate pair is a character: " + pair.body()).isEqualTo(200);
        assertThat(api.ports.customers().find(CustomerId.of("enc-3")).orElseThrow().name()).isEqualTo("Emoji \uD83D\uDE00 Corp");
    }

    @Test
    void malformed_property_values_and_keys_in_usage_events_record_nothing() {
        String event = "{\"events\":[{\"eventId\":\"enc-ok\",\"customerId\":\"acme\",\"meter\":\"api_calls\"},"
                + "{\"eventId\":\"enc-e\",\"customerId\":\"acme\",\"meter\":\"api_calls\",\"properties\":{";
        assertProblem(postBytes("/api/v1/usage/events", bytes(event + "\"path\":\"a", new byte[] {(byte) 0xC0, (byte) 0xAF},
                "b\"}}]}"), "X-Api-Key", serviceKey), "invalid-encoding");
        JsonNode key = assertProblem(api.post("/api/v1/usage/events", event + "\"k\\uDFFF\":\"v\"}}]}", "X-Api-Key",
                serviceKey), "malformed-json");
        assertThat(key.get("detail").asText()).contains("surrogate");
        assertProblem(api.post("/api/v1/usage/events", event + "\"k\":\"v\\uD800\"}}]}", "X-Api-Key", serviceKey),
                "malformed-json");

        assertThat(api.ports.usageEvents().contains(TestServer.ACME, "enc-ok")).isFalse();
        assertThat(api.ports.usageEvents().contains(TestServer.ACME, "enc-e")).isFalse();
    }
}
