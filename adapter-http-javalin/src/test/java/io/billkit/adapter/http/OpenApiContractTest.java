package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published OpenAPI document: valid for a real OpenAPI validator (swagger-parser), complete (bodies, answers,
 * parameters with schemas), and equal to the checked-in copy {@code docs/api/openapi.json} from which the test client
 * is generated (run with {@code -Dopenapi.write=true} to refresh that copy after changing a route).
 */
class OpenApiContractTest {
    static final Path SNAPSHOT = Path.of("..", "docs", "api", "openapi.json");
    private static TestServer api;
    private static String document;

    @BeforeAll
    static void start() {
        api = TestServer.builder().withoutProbes().start();
        document = api.get("/api/v1/openapi.json").body();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static String pretty(String json) throws IOException {
        // canonical: keys sorted, so the copy does not depend on the iteration order of the document's maps
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        return mapper.writeValueAsString(mapper.readValue(json, Object.class)) + "\n";
    }

    @Test
    void a_real_openapi_validator_finds_no_errors() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);

        assertThat(result.getOpenAPI()).as("parsed").isNotNull();
        assertThat(result.getMessages()).as("validator messages").isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(result.getOpenAPI().getInfo().getLicense().getName()).isEqualTo("Apache-2.0");
        assertThat(result.getOpenAPI().getServers()).isNotEmpty();
        assertThat(result.getOpenAPI().getComponents().getSecuritySchemes()).containsKeys("bearerAuth",
                "sessionCookie", "apiKey");
    }

    @Test
    void every_operation_documents_its_bodies_answers_and_parameters() {
        JsonNode doc = api.body(api.get("/api/v1/openapi.json"));
        JsonNode schemas = doc.get("components").get("schemas");
        List<String> gaps = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields();
            while (ops.hasNext()) {
                Map.Entry<String, JsonNode> op = ops.next();
                String name = op.getKey() + " " + path.getKey();
                JsonNode responses = op.getValue().get("responses");
                boolean documentedSuccess = false;
                Iterator<String> statuses = responses.fieldNames();
                while (statuses.hasNext()) {
                    String status = statuses.next();
                    if (status.startsWith("2")) {
                        JsonNode response = responses.get(status);
                        documentedSuccess |= response.has("content") || status.equals("204");
                    }
                }
                if (!documentedSuccess) {
                    gaps.add(name + ": no success answer with content");
                }
                if (op.getKey().equals("post") && !op.getValue().has("requestBody")
                        && !List.of("/api/v1/billing/subscription/resume", "/api/v1/admin/periods/close",
                        "/api/v1/webhooks/stripe", "/api/v1/admin/credit-notes/{id}/refund",
                        "/api/v1/admin/webhook-endpoints/{id}/deliveries/{deliveryId}/redeliver",
                        "/api/v1/admin/webhook-endpoints/{id}/enable",
                        "/api/v1/admin/invoices/{invoiceId}/dunning/retry",
                        "/api/v1/admin/invoices/{invoiceId}/dunning/stop").contains(path.getKey())) {
                    gaps.add(name + ": no request body");
                }
                if (!responses.has("default")) {
                    gaps.add(name + ": no default problem answer");
                }
            }
        }
        assertThat(gaps).isEmpty();
        assertThat(schemas.fieldNames()).toIterable().contains("Money", "Problem", "InvoiceBody", "EventsRequest",
                "IngestionBody", "SubscriptionBody");
        JsonNode money = schemas.get("Money");
        assertThat(money.get("properties").get("amount").get("type").asText()).isEqualTo("string");
        JsonNode invoice = schemas.get("InvoiceBody");
        assertThat(invoice.get("properties").get("total").get("$ref").asText()).isEqualTo("#/components/schemas/Money");
        assertThat(invoice.get("required").toString()).contains("\"id\"", "\"total\"").doesNotContain("\"number\"");
        assertThat(invoice.get("properties").get("finalizedAt").get("format").asText()).isEqualTo("date-time");
        JsonNode events = schemas.get("EventRequest").get("properties");
        assertThat(events.get("quantity").get("type").asText()).isEqualTo("string");
        assertThat(events.get("customerId").get("type").asText()).isEqualTo("string");

        JsonNode list = doc.get("paths").get("/api/v1/billing/invoices").get("get");
        assertThat(list.get("parameters").findValuesAsText("name")).contains("page", "limit", "status", "from", "to",
                "customerId", "X-Request-Id");
        JsonNode pdf = doc.get("paths").get("/api/v1/billing/invoices/{id}/pdf").get("get").get("responses");
        assertThat(pdf.get("200").get("content").has("application/pdf")).isTrue();
        assertThat(pdf.has("304")).isTrue();
        assertThat(pdf.has("404")).isTrue();
        JsonNode subscribe = doc.get("paths").get("/api/v1/admin/subscriptions").get("post");
        assertThat(subscribe.get("responses").has("201")).isTrue();
        assertThat(subscribe.get("responses").get("409").get("content").has("application/problem+json")).isTrue();
        assertThat(subscribe.get("parameters").findValuesAsText("name")).contains("Idempotency-Key");
        assertThat(subscribe.get("responses").fieldNames()).toIterable().contains("400", "401", "403", "413", "429",
                "503");
    }

    @Test
    void the_checked_in_copy_is_the_live_document() throws IOException {
        String live = pretty(document);
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(SNAPSHOT, live, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(SNAPSHOT)).as(SNAPSHOT + " exists (write it with -Dopenapi.write=true)").isTrue();
        assertThat(live).as("docs/api/openapi.json is stale: run the adapter-http-javalin tests with "
                + "-Dopenapi.write=true").isEqualTo(Files.readString(SNAPSHOT, StandardCharsets.UTF_8));
    }
}
