package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiDocumentTest {
    private static TestServer api;

    @BeforeAll
    static void start() {
        api = TestServer.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void document_lists_exactly_the_routes_javalin_registered() {
        JsonNode doc = api.body(api.get("/api/v1/openapi.json"));

        Set<String> documented = new HashSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method ->
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey()));
        }

        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(api.server.javalinRoutes()).isNotEmpty();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(api.server.javalinRoutes());
        assertThat(documented).contains("GET /api/v1/meta/features", "GET /api/v1/meta/info",
                "GET /api/v1/health/live", "GET /api/v1/health/ready", "GET /api/v1/metrics",
                "GET /api/v1/openapi.json");
        assertThat(documented).contains(
                "GET /api/v1/billing/usage/current", "GET /api/v1/billing/usage/history",
                "GET /api/v1/billing/invoices", "GET /api/v1/billing/invoices/{id}",
                "GET /api/v1/billing/invoices/{id}/pdf", "GET /api/v1/billing/plans",
                "GET /api/v1/billing/subscription", "POST /api/v1/billing/subscription/checkout",
                "POST /api/v1/billing/subscription/portal", "POST /api/v1/billing/subscription/change",
                "POST /api/v1/billing/subscription/cancel", "POST /api/v1/billing/subscription/resume",
                "GET /api/v1/billing/credits", "POST /api/v1/billing/credits/consume",
                "GET /api/v1/billing/credit-products", "POST /api/v1/billing/credit-products/checkout",
                "GET /api/v1/billing/summary", "GET /api/v1/billing/history",
                "POST /api/v1/usage/events", "POST /api/v1/quota/check", "POST /api/v1/quota/consume",
                "POST /api/v1/billing/reconcile", "GET /api/v1/billing/reconcile/history",
                "POST /api/v1/admin/periods/close", "GET /api/v1/admin/audit", "POST /api/v1/admin/customers",
                "POST /api/v1/admin/subscriptions", "POST /api/v1/admin/api-keys", "POST /api/v1/webhooks/stripe");
    }

    @Test
    void operations_carry_summary_tag_security_and_path_parameters() {
        JsonNode paths = api.body(api.get("/api/v1/openapi.json")).get("paths");

        JsonNode features = paths.get("/api/v1/meta/features").get("get");
        assertThat(features.get("summary").asText()).isEqualTo("Feature flags of this deployment");
        assertThat(features.get("tags").get(0).asText()).isEqualTo("meta");
        assertThat(features.get("security")).isEmpty();

        JsonNode admin = paths.get("/api/v1/admin/probe").get("get");
        assertThat(admin.get("x-billkit-access").asText()).isEqualTo("admin");
        assertThat(admin.get("security").toString()).contains("bearerAuth", "sessionCookie");

        JsonNode ingest = paths.get("/api/v1/usage/probe/{customerId}").get("post");
        assertThat(ingest.get("security").toString()).contains("apiKey");
        assertThat(ingest.get("parameters").get(0).get("name").asText()).isEqualTo("customerId");
        assertThat(ingest.get("responses").has("503")).isTrue();
    }
}
