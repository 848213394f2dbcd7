package io.billkit.bootstrap;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code STRIPE_SECRET_KEY} set, demo data on and the Stripe API unreachable (a closed port), the service
 * still starts and is ready (the demo customer is saved without a Stripe customer), and an operation that
 * needs Stripe answers a clean 503 problem+json with {@code Retry-After}. (Before: start-up exited, because
 * the demo seed created the Stripe customer synchronously and its failure escaped.)
 */
class StripeOutageStartTest {
    private static final Pattern ADMIN_TOKEN = Pattern.compile("admin token\\s*:\\s*(\\S+)");

    @Test
    void the_service_starts_ready_with_stripe_unreachable_and_stripe_operations_answer_503_with_retry_after()
            throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // short timeouts and one retry are this test's own settings (the service's defaults are 5 s / 30 s / 2)
        Map<String, String> env = Map.of("PORT", "0", "HOST", "127.0.0.1", "BILLKIT_STORAGE", "memory",
                "DEMO_DATA", "true", "STRIPE_SECRET_KEY", "sk_test_unreachable",
                "STRIPE_API_BASE", "http://127.0.0.1:" + closedPort,
                "STRIPE_CONNECT_TIMEOUT", "1s", "STRIPE_READ_TIMEOUT", "2s", "STRIPE_MAX_NETWORK_RETRIES", "1");
        HttpClient http = HttpClient.newHttpClient();
        try (BillKitApplication app = BillKitApplication.start(env, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String base = "http://127.0.0.1:" + app.port() + "/api/v1";
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(app.services().ports().customers().find(DemoData.DEMO_CUSTOMER)).isPresent();

            Matcher admin = ADMIN_TOKEN.matcher(out.toString(StandardCharsets.UTF_8));
            assertThat(admin.find()).as("the demo banner was printed").isTrue();
            HttpResponse<String> subscribe = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/subscriptions"))
                    .header("Authorization", "Bearer " + admin.group(1)).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"demo\",\"plan\":\"starter\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(subscribe.statusCode()).as(subscribe.body()).isEqualTo(503);
            assertThat(subscribe.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(subscribe.headers().firstValue("Retry-After")).isPresent();
            assertThat(subscribe.body()).contains("provider-unavailable");
        }
    }
}
