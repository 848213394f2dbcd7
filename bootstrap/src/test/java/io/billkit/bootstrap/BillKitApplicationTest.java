package io.billkit.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole service as {@code java -jar} starts it: embedded PostgreSQL, mock provider, PDF renderer. */
class BillKitApplicationTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> get(int port, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String printed(String console, String label) {
        Matcher m = Pattern.compile(label + "\\s*: (\\S+)").matcher(console);
        assertThat(m.find()).as(label + " printed in:\n" + console).isTrue();
        return m.group(1);
    }

    @Test
    void with_nothing_configured_it_runs_on_embedded_postgres_and_the_printed_credentials_work(@TempDir Path data)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("PORT", "0", "HOST", "127.0.0.1",
                "BILLKIT_POSTGRES_DATA_DIR", data.resolve("postgres").toString());
        try (BillKitApplication app = BillKitApplication.start(env, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String console = out.toString(StandardCharsets.UTF_8);
            int port = app.port();

            HttpResponse<String> features = get(port, "/api/v1/meta/features");
            assertThat(features.statusCode()).isEqualTo(200);
            assertThat(features.body()).contains("\"billingEnabled\":true");
            assertThat(get(port, "/api/v1/meta/info").body()).contains("\"catalog\":\"apex\"", "\"paymentProvider\":\"mock\"");
            assertThat(get(port, "/api/v1/health/ready").statusCode()).isEqualTo(200);

            String member = "Bearer " + printed(console, "member token");
            String admin = "Bearer " + printed(console, "admin token");
            String apiKey = printed(console, "API key");
            assertThat(apiKey).startsWith("bk_");
            assertThat(admin).isNotEqualTo(member);

            HttpResponse<String> usage = get(port, "/api/v1/billing/usage/current", "Authorization", member);
            assertThat(usage.statusCode()).as(usage.body()).isEqualTo(200);
            assertThat(json.readTree(usage.body()).get("customerId").asText()).isEqualTo("demo");

            HttpResponse<String> ingested = post(port, "/api/v1/usage/events",
                    "{\"events\":[{\"eventId\":\"boot-1\",\"meter\":\"api_calls\",\"quantity\":\"25\"}]}",
                    "X-Api-Key", apiKey);
            assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(200);
            assertThat(json.readTree(ingested.body()).get("accepted").asInt()).isEqualTo(1);
            JsonNode meters = json.readTree(get(port, "/api/v1/billing/usage/current", "Authorization", member).body())
                    .get("meters");
            assertThat(meters.findValuesAsText("meter")).contains("api_calls");
            for (JsonNode meter : meters) {
                if (meter.get("meter").asText().equals("api_calls")) {
                    assertThat(meter.get("used").asText()).isEqualTo("25");
                }
            }

            assertThat(post(port, "/api/v1/admin/periods/close", "", "Authorization", admin).statusCode()).isEqualTo(200);
            assertThat(post(port, "/api/v1/admin/periods/close", "", "Authorization", member).statusCode()).isEqualTo(403);
            assertThat(get(port, "/api/v1/billing/invoices", "Authorization", member).statusCode()).isEqualTo(200);
            assertThat(post(port, "/api/v1/webhooks/stripe", "{}").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void a_restart_on_the_same_data_keeps_the_customer_and_its_usage(@TempDir Path data) throws Exception {
        Map<String, String> env = Map.of("PORT", "0", "HOST", "127.0.0.1",
                "BILLKIT_POSTGRES_DATA_DIR", data.resolve("postgres").toString());
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        try (BillKitApplication app = BillKitApplication.start(env, new PrintStream(first, true, StandardCharsets.UTF_8))) {
            String key = printed(first.toString(StandardCharsets.UTF_8), "API key");
            post(app.port(), "/api/v1/usage/events",
                    "{\"events\":[{\"eventId\":\"persist-1\",\"meter\":\"impressions\",\"quantity\":\"1000\"}]}",
                    "X-Api-Key", key);
        }
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        try (BillKitApplication app = BillKitApplication.start(env, new PrintStream(second, true, StandardCharsets.UTF_8))) {
            String member = "Bearer " + printed(second.toString(StandardCharsets.UTF_8), "member token");
            JsonNode usage = json.readTree(get(app.port(), "/api/v1/billing/usage/current", "Authorization", member).body());
            for (JsonNode meter : usage.get("meters")) {
                if (meter.get("meter").asText().equals("impressions")) {
                    assertThat(meter.get("used").asText()).isEqualTo("1000");
                }
            }
            assertThat(usage.get("meters").findValuesAsText("meter")).contains("impressions");
        }
    }

    @Test
    void billing_enabled_false_is_reported_by_the_features_route() throws Exception {
        try (BillKitApplication app = BillKitApplication.start(
                Map.of("PORT", "0", "HOST", "127.0.0.1", "BILLING_ENABLED", "false", "DEMO_DATA", "false",
                        "BILLKIT_STORAGE", "memory"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            assertThat(get(app.port(), "/api/v1/meta/features").body()).contains("\"billingEnabled\":false");
            assertThat(get(app.port(), "/api/v1/billing/anything").statusCode()).isEqualTo(503);
            assertThat(get(app.port(), "/api/v1/billing/usage/current").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void a_nul_character_in_a_json_string_is_a_400_naming_the_field_not_a_postgres_500(@TempDir Path data)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("PORT", "0", "HOST", "127.0.0.1",
                "BILLKIT_POSTGRES_DATA_DIR", data.resolve("postgres").toString());
        try (BillKitApplication app = BillKitApplication.start(env, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String console = out.toString(StandardCharsets.UTF_8);
            String admin = "Bearer " + printed(console, "admin token");
            String apiKey = printed(console, "API key");

            HttpResponse<String> customer = post(app.port(), "/api/v1/admin/customers",
                    "{\"id\":\"nul-co\",\"name\":\"Nul\\u0000Co\"}", "Authorization", admin);
            assertThat(customer.statusCode()).as(customer.body()).isEqualTo(400);
            assertThat(json.readTree(customer.body()).get("field").asText()).isEqualTo("name");

            HttpResponse<String> event = post(app.port(), "/api/v1/usage/events",
                    "{\"events\":[{\"eventId\":\"nul-1\",\"meter\":\"api_calls\",\"properties\":{\"region\":\"eu\\u0000\"}}]}",
                    "X-Api-Key", apiKey);
            assertThat(event.statusCode()).as(event.body()).isEqualTo(400);
            assertThat(json.readTree(event.body()).get("field").asText()).isEqualTo("events[0].properties.region");

            HttpResponse<String> retried = post(app.port(), "/api/v1/usage/events",
                    "{\"events\":[{\"eventId\":\"nul-1\",\"meter\":\"api_calls\"}]}", "X-Api-Key", apiKey);
            assertThat(json.readTree(retried.body()).get("accepted").asInt()).isEqualTo(1);
        }
    }

    @Test
    void with_stripe_unreachable_it_starts_and_a_call_that_needs_stripe_is_a_503_with_retry_after() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("PORT", "0", "HOST", "127.0.0.1", "BILLKIT_STORAGE", "memory",
                "STRIPE_SECRET_KEY", "sk_test_unreachable", "STRIPE_API_BASE", "http://127.0.0.1:" + closedPort);
        try (BillKitApplication app = BillKitApplication.start(env, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String admin = "Bearer " + printed(out.toString(StandardCharsets.UTF_8), "admin token");
            assertThat(get(app.port(), "/api/v1/health/ready").statusCode()).isEqualTo(200);
            assertThat(get(app.port(), "/api/v1/meta/info").body()).contains("\"paymentProvider\":\"stripe\"");

            HttpResponse<String> customer = post(app.port(), "/api/v1/admin/customers",
                    "{\"id\":\"acme\",\"name\":\"Acme\"}", "Authorization", admin);

            assertThat(customer.statusCode()).as(customer.body()).isEqualTo(503);
            assertThat(customer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(customer.headers().firstValue("Retry-After")).isPresent();
            assertThat(app.services().ports().customers().find(io.billkit.domain.customer.CustomerId.of("acme")))
                    .isEmpty();
        }
    }
}
