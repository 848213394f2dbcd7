package io.billkit.bootstrap;

import com.sun.net.httpserver.HttpServer;
import io.billkit.adapter.http.Role;
import io.billkit.adapter.http.SessionTokens;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The service as {@code java -jar} wires it (embedded PostgreSQL, mock provider, HikariCP) runs a demo flow (usage
 * accepted, duplicate and rejected, a quota check, a webhook endpoint, a period that ends and is closed, the
 * webhook delivered), then {@code GET /metrics} holds every family the README lists, each with a non-zero value,
 * and {@code promtool check metrics} finds nothing to complain about.
 */
class MetricsScrapeTest {
    private static final String JWT_SECRET = "metrics-test-secret-0123456789-abcdef";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");

    @Test
    void after_a_demo_flow_every_documented_family_has_a_non_zero_value_and_promtool_is_clean(@TempDir Path data)
            throws Exception {
        AtomicInteger hooks = new AtomicInteger();
        List<String> traceparents = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            traceparents.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
            hooks.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        SettableClock clock = SettableClock.at("2026-03-10T12:00:00Z");
        Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "HOST", "127.0.0.1",
                "BILLKIT_POSTGRES_DATA_DIR", data.resolve("postgres").toString(), "JWT_SECRET", JWT_SECRET,
                "PERIOD_CLOSE_INTERVAL", "1h", "PERIOD_CLOSE_GRACE", "1s", "WEBHOOK_DELIVERY_INTERVAL", "500ms",
                "WEBHOOK_ALLOW_PRIVATE_HOSTS", "127.0.0.1"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BillKitApplication app = BillKitApplication.start(EnvConfig.parse(env),
                new PrintStream(out, true, StandardCharsets.UTF_8), clock)) {
            String base = "http://127.0.0.1:" + app.port();
            String apiKey = printed(out.toString(StandardCharsets.UTF_8), "API key");

            String events = "{\"events\":[{\"eventId\":\"m-1\",\"meter\":\"api_calls\",\"quantity\":\"250000\"},"
                    + "{\"eventId\":\"m-1\",\"meter\":\"api_calls\",\"quantity\":\"250000\"},"
                    + "{\"eventId\":\"m-2\",\"meter\":\"no_such_meter\",\"quantity\":\"1\"}]}";
            assertThat(post(base + "/api/v1/usage/events", events, "X-Api-Key", apiKey).statusCode()).isEqualTo(200);
            assertThat(post(base + "/api/v1/quota/check", "{\"meter\":\"api_calls\",\"quantity\":\"1\"}",
                    "X-Api-Key", apiKey).statusCode()).isEqualTo(200);
            HttpResponse<String> endpoint = post(base + "/api/v1/admin/webhook-endpoints",
                    "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\"}",
                    "Authorization", admin(clock.instant()));
            assertThat(endpoint.statusCode()).as(endpoint.body()).isEqualTo(201);

            clock.advance(Duration.ofDays(32));
            HttpResponse<String> close = post(base + "/api/v1/admin/periods/close", "",
                    "Authorization", admin(clock.instant()));
            assertThat(close.statusCode()).as(close.body()).isEqualTo(200);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (hooks.get() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                Thread.sleep(50);
            }
            assertThat(hooks.get()).as("webhook deliveries received").isPositive();
            // sent by the scheduler's delivery run, in that run's own trace
            assertThat(traceparents).allSatisfy(header -> assertThat(
                    io.billkit.application.tracing.TraceContext.parse(header)).as(header).isPresent());

            HttpResponse<String> scrape = get(base + "/metrics");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain"));
            String text = scrape.body();
            assertThat(get(base + "/api/v1/metrics").body()).contains("# TYPE billkit_usage_events_total counter");

            List<String> nonZero = List.of(
                    "jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                    "system_cpu_processors", "process_cpu_seconds_total", "process_uptime_seconds", "process_start_time_seconds",
                    "hikaricp_connections_max", "hikaricp_connections_acquire_seconds_count",
                    "billkit_http_server_requests_seconds_bucket", "billkit_http_server_requests_seconds_count",
                    "billkit_usage_events_total{meter=\"api_calls\",outcome=\"accepted\"}",
                    "billkit_usage_events_total{meter=\"api_calls\",outcome=\"duplicate\"}",
                    "billkit_usage_events_total{meter=\"unknown\",outcome=\"rejected\"}",
                    "billkit_quota_decisions_total{meter=\"api_calls\",operation=\"check\",decision=\"allowed\"}",
                    "billkit_invoices_issued_total{currency=\"USD\"}",
                    "billkit_invoices_issued_amount_total{currency=\"USD\"}",
                    "billkit_period_close_runs_total{outcome=\"completed\"}",
                    "billkit_provider_calls_total",
                    "billkit_outbound_webhook_deliveries_total{outcome=\"delivered\"}");
            Map<String, Double> samples = samples(text);
            for (String family : nonZero) {
                assertThat(samples.entrySet().stream()
                        .filter(e -> e.getKey().startsWith(family) || sameSeries(e.getKey(), family))
                        .anyMatch(e -> e.getValue() > 0))
                        .as(family + " has a non-zero sample in:\n" + text).isTrue();
            }
            assertThat(text).contains("# TYPE billkit_http_server_requests_seconds histogram",
                    "le=\"0.005\"", "le=\"+Inf\"", "# TYPE process_cpu_usage gauge");
            assertThat(samples.keySet()).noneMatch(series -> series.contains("no_such_meter"));
            promtoolFindsNothing(text);
        } finally {
            receiver.stop(0);
        }
    }

    /** {@code name{a="x",b="y"}} given as a prefix matches the series whatever other labels it has. */
    private static boolean sameSeries(String series, String wanted) {
        int brace = wanted.indexOf('{');
        if (brace < 0 || !series.startsWith(wanted.substring(0, brace) + "{")) {
            return false;
        }
        for (String label : wanted.substring(brace + 1, wanted.length() - 1).split(",")) {
            if (!series.contains(label)) {
                return false;
            }
        }
        return true;
    }

    /** Series (name and labels as printed) to value. */
    static Map<String, Double> samples(String exposition) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("sample line: " + line).isTrue();
            samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
        }
        return samples;
    }

    /**
     * {@code promtool check metrics} (Prometheus' own linter) on the exposition. {@code .ci/run} extracts promtool
     * from Debian's {@code prometheus} package; without it the check is skipped here and fails under {@code CI=true}.
     */
    static void promtoolFindsNothing(String exposition) throws IOException, InterruptedException {
        Optional<Path> promtool = promtool();
        if (promtool.isEmpty()) {
            assertThat(System.getenv("CI")).as("promtool is missing (.ci/run installs it)").isNotEqualTo("true");
            assumeTrue(false, "promtool not installed: `promtool check metrics` skipped");
        }
        Process process = new ProcessBuilder(promtool.get().toString(), "check", "metrics")
                .redirectErrorStream(true).start();
        process.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(report).as("promtool check metrics").isBlank();
        assertThat(process.exitValue()).as(report).isZero();
    }

    private static Optional<Path> promtool() {
        List<String> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("PROMTOOL")).ifPresent(candidates::add);
        candidates.addAll(List.of("/usr/local/bin/promtool", "/usr/bin/promtool"));
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    private static String admin(Instant now) {
        return "Bearer " + SessionTokens.issueHs256(JWT_SECRET, Optional.empty(), "admin", CustomerId.of("demo"),
                Role.ADMIN, now, now.plus(Duration.ofHours(1)));
    }

    private static String printed(String console, String label) {
        Matcher m = Pattern.compile(label + "\\s*: (\\S+)").matcher(console);
        assertThat(m.find()).as(label + " printed in:\n" + console).isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        request.headers(headers);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
