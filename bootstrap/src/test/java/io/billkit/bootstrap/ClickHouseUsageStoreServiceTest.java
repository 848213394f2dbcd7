package io.billkit.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billkit.adapter.clickhouse.ClickHouse;
import org.junit.jupiter.api.BeforeAll;
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

/**
 * The service started with {@code USAGE_STORE=clickhouse} on its embedded PostgreSQL and a real ClickHouse: it
 * creates its ClickHouse database and schema, ingests over HTTP into ClickHouse, answers DUPLICATE for a replay
 * (also after a restart: the claims are in PostgreSQL), and reads current usage from ClickHouse.
 */
class ClickHouseUsageStoreServiceTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void clickHouse() {
        String url = System.getenv("CLICKHOUSE_URL");
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but CLICKHOUSE_URL is not set: .ci/run must start ClickHouse");
            }
            org.junit.jupiter.api.Assumptions.abort("CLICKHOUSE_URL not set: start one with .ci/clickhouse-start.sh");
        }
    }

    @Test
    void usage_goes_to_clickhouse_duplicates_are_recognised_across_a_restart_and_reads_come_back(@TempDir Path data)
            throws Exception {
        String database = "billkit_service_" + Long.toHexString(System.nanoTime());
        Map<String, String> env = Map.of("PORT", "0", "HOST", "127.0.0.1",
                "BILLKIT_POSTGRES_DATA_DIR", data.resolve("postgres").toString(),
                "USAGE_STORE", "clickhouse", "CLICKHOUSE_URL", System.getenv("CLICKHOUSE_URL"),
                "CLICKHOUSE_DATABASE", database, "USAGE_SHIP_INTERVAL", "1s", "JWT_SECRET",
                "clickhouse-service-test-secret-0123456789");
        String batch = "{\"events\":[{\"eventId\":\"ch-1\",\"meter\":\"api_calls\",\"quantity\":\"25\"},"
                + "{\"eventId\":\"ch-2\",\"meter\":\"api_calls\",\"quantity\":\"17\"}]}";

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BillKitApplication app = BillKitApplication.start(env, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String console = out.toString(StandardCharsets.UTF_8);
            String apiKey = printed(console, "API key");
            String member = "Bearer " + printed(console, "member token");

            JsonNode first = json.readTree(post(app.port(), "/api/v1/usage/events", batch, "X-Api-Key", apiKey).body());
            assertThat(first.get("accepted").asInt()).as(first.toString()).isEqualTo(2);
            JsonNode replay = json.readTree(post(app.port(), "/api/v1/usage/events", batch, "X-Api-Key", apiKey).body());
            assertThat(replay.get("duplicates").asInt()).as(replay.toString()).isEqualTo(2);
            assertThat(apiCallsUsed(app.port(), member)).isEqualTo("42");
        }
        try (ClickHouse clickHouse = new ClickHouse(System.getenv("CLICKHOUSE_URL"), null, null, database)) {
            assertThat(clickHouse.rows("SELECT count() FROM usage_events WHERE customer_id = 'demo' AND meter = 'api_calls'").get(0)[0])
                    .as("events stored in ClickHouse").isEqualTo("2");
        }

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        try (BillKitApplication app = BillKitApplication.start(env, new PrintStream(again, true, StandardCharsets.UTF_8))) {
            String console = again.toString(StandardCharsets.UTF_8);
            String apiKey = printed(console, "API key");
            String member = "Bearer " + printed(console, "member token");

            JsonNode replay = json.readTree(post(app.port(), "/api/v1/usage/events", batch, "X-Api-Key", apiKey).body());
            assertThat(replay.get("duplicates").asInt()).as(replay.toString()).isEqualTo(2);
            assertThat(apiCallsUsed(app.port(), member)).isEqualTo("42");
        }
    }

    @Test
    void ai_statistics_per_model_are_exact_with_the_events_in_clickhouse(@TempDir Path data) throws Exception {
        Map<String, String> env = Map.of("PORT", "0", "HOST", "127.0.0.1",
                "BILLKIT_POSTGRES_DATA_DIR", data.resolve("postgres").toString(), "BILLING_CATALOG", "mortgage",
                "USAGE_STORE", "clickhouse", "CLICKHOUSE_URL", System.getenv("CLICKHOUSE_URL"),
                "CLICKHOUSE_DATABASE", "billkit_ai_" + Long.toHexString(System.nanoTime()), "USAGE_SHIP_INTERVAL", "1s",
                "JWT_SECRET", "clickhouse-service-test-secret-0123456789");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BillKitApplication app = BillKitApplication.start(env, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String console = out.toString(StandardCharsets.UTF_8);
            aiStatisticsPerModelComeFromTheClaims(app.port(), printed(console, "API key"),
                    "Bearer " + printed(console, "member token"));
        }
    }

    /**
     * The AI per-model statistics with the events in ClickHouse: read from the PostgreSQL event-id claims, which keep
     * every accepted event with its properties (before, they read the empty {@code usage_events} and came back empty).
     */
    private void aiStatisticsPerModelComeFromTheClaims(int port, String apiKey, String member) throws Exception {
        String tokens = "{\"events\":[{\"eventId\":\"ch-ai-1\",\"meter\":\"ai_tokens\",\"quantity\":\"1000\","
                + "\"properties\":{\"model\":\"gpt-large\"}},{\"eventId\":\"ch-ai-2\",\"meter\":\"ai_tokens\","
                + "\"quantity\":\"300\",\"properties\":{\"model\":\"gpt-small\"}},{\"eventId\":\"ch-ai-3\","
                + "\"meter\":\"ai_tokens\",\"quantity\":\"200\",\"properties\":{\"model\":\"gpt-small\"}}]}";
        JsonNode recorded = json.readTree(post(port, "/api/v1/usage/events", tokens, "X-Api-Key", apiKey).body());
        assertThat(recorded.get("accepted").asInt()).as(recorded.toString()).isEqualTo(3);

        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        HttpResponse<String> stats = get(port, "/api/v1/ai/usage?from=" + today.minusDays(1) + "&to=" + today.plusDays(1),
                "Authorization", member);
        assertThat(stats.statusCode()).as(stats.body()).isEqualTo(200);
        Map<String, String> tokensByModel = new java.util.TreeMap<>();
        Map<String, Long> requestsByModel = new java.util.TreeMap<>();
        for (JsonNode model : json.readTree(stats.body()).get("models")) {
            tokensByModel.put(model.get("model").asText(), model.get("tokens").asText());
            requestsByModel.put(model.get("model").asText(), model.get("requests").asLong());
        }
        assertThat(tokensByModel).as(stats.body()).containsExactlyEntriesOf(
                new java.util.TreeMap<>(Map.of("gpt-large", "1000", "gpt-small", "500")));
        assertThat(requestsByModel).as(stats.body()).containsExactlyEntriesOf(
                new java.util.TreeMap<>(Map.of("gpt-large", 1L, "gpt-small", 2L)));
    }

    private String apiCallsUsed(int port, String member) throws Exception {
        HttpResponse<String> usage = get(port, "/api/v1/billing/usage/current", "Authorization", member);
        assertThat(usage.statusCode()).as(usage.body()).isEqualTo(200);
        for (JsonNode meter : json.readTree(usage.body()).get("meters")) {
            if (meter.get("meter").asText().equals("api_calls")) {
                return meter.get("used").asText();
            }
        }
        throw new AssertionError("no api_calls meter in " + usage.body());
    }

    private HttpResponse<String> get(int port, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        request.headers(headers);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        request.headers(headers);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String printed(String console, String label) {
        Matcher m = Pattern.compile(label + "\\s*: (\\S+)").matcher(console);
        assertThat(m.find()).as(label + " printed in:\n" + console).isTrue();
        return m.group(1);
    }
}
