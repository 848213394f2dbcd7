package io.billkit.bootstrap;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class BillKitApplicationTest {
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
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
    void with_nothing_configured_it_starts_and_prints_working_demo_credentials() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BillKitApplication app = BillKitApplication.start(Map.of("PORT", "0", "HOST", "127.0.0.1"),
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String console = out.toString(StandardCharsets.UTF_8);
            int port = app.port();

            HttpResponse<String> features = get(port, "/api/v1/meta/features");
            assertThat(features.statusCode()).isEqualTo(200);
            assertThat(features.body()).contains("\"billingEnabled\":true");
            assertThat(get(port, "/api/v1/meta/info").body()).contains("\"catalog\":\"apex\"", "\"paymentProvider\":\"mock\"");
            assertThat(get(port, "/api/v1/health/ready").statusCode()).isEqualTo(200);

            String member = printed(console, "member token");
            String admin = printed(console, "admin token");
            assertThat(get(port, "/api/v1/openapi.json", "Authorization", "Bearer " + member).statusCode()).isEqualTo(200);
            assertThat(printed(console, "API key")).startsWith("bk_");
            assertThat(admin).isNotEqualTo(member);
        }
    }

    @Test
    void billing_enabled_false_is_reported_by_the_features_route() throws Exception {
        try (BillKitApplication app = BillKitApplication.start(
                Map.of("PORT", "0", "HOST", "127.0.0.1", "BILLING_ENABLED", "false", "DEMO_DATA", "false"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            assertThat(get(app.port(), "/api/v1/meta/features").body()).contains("\"billingEnabled\":false");
            assertThat(get(app.port(), "/api/v1/billing/anything").statusCode()).isEqualTo(503);
        }
    }
}
