package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every text field of a request body has a bound (names, emails, ids, property names, values and counts, address
 * lines, tax ids, URLs, any string at all): past it the answer is a 400 {@code text-too-long} naming the field, and
 * nothing is written. The bounds are in the OpenAPI document.
 */
class TextBoundsTest {
    private static TestServer api;
    private static String serviceKey;

    @BeforeAll
    static void start() {
        api = TestServer.builder().clock("2026-03-10T12:00:00Z").config(TestServer.config(1024 * 1024)).start();
        api.subscribe(TestServer.ACME, "scale");
        serviceKey = api.apiKey("key_bounds", Optional.empty(), false);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static JsonNode assertTooLong(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = api.body(response);
        assertThat(problem.get("type").asText()).isEqualTo("https://billkit.io/problems/text-too-long");
        assertThat(problem.get("field").asText()).isEqualTo(field);
        assertThat(response.body().length()).as("the input is not echoed").isLessThan(1_000);
        return problem;
    }

    private static HttpResponse<String> upsert(String json) {
        return api.post("/api/v1/admin/customers", json, api.admin());
    }

    @Test
    void a_100000_character_customer_name_is_a_400_and_the_customer_is_not_written() {
        JsonNode problem = assertTooLong(upsert("{\"id\":\"long-name\",\"name\":\"" + "n".repeat(100_000) + "\"}"), "name");

        assertThat(problem.get("detail").asText()).contains("at most 8192");
        assertTooLong(upsert("{\"id\":\"long-name\",\"name\":\"" + "n".repeat(TextBounds.NAME + 1) + "\"}"), "name");
        assertThat(api.ports.customers().find(CustomerId.of("long-name"))).isEmpty();
        assertThat(upsert("{\"id\":\"long-name\",\"name\":\"" + "n".repeat(TextBounds.NAME) + "\"}").statusCode())
                .as("the bound itself is accepted").isEqualTo(200);
    }

    @Test
    void customer_fields_past_their_bounds_are_400s_naming_them_and_nothing_is_written() {
        String email = "a".repeat(250) + "@x.io";
        assertTooLong(upsert("{\"id\":\"b-1\",\"name\":\"B\",\"email\":\"" + email + "\"}"), "email");
        assertTooLong(upsert("{\"id\":\"b-1\",\"name\":\"B\",\"timeZone\":\"" + "Z".repeat(65) + "\"}"), "timeZone");
        assertTooLong(upsert("{\"id\":\"b-1\",\"name\":\"B\",\"address\":\"" + "a".repeat(1001) + "\"}"), "address");
        String elevenLines = IntStream.range(0, 11).mapToObj(i -> "\"line " + i + "\"").collect(Collectors.joining(","));
        assertTooLong(upsert("{\"id\":\"b-1\",\"name\":\"B\",\"addressLines\":[" + elevenLines + "]}"), "addressLines");
        assertTooLong(upsert("{\"id\":\"b-1\",\"name\":\"B\",\"addressLines\":[\"ok\",\"" + "l".repeat(201) + "\"]}"),
                "addressLines[1]");
        assertTooLong(upsert("{\"id\":\"b-1\",\"name\":\"B\",\"taxId\":{\"type\":\"vat\",\"value\":\"" + "1".repeat(65)
                + "\"}}"), "taxId.value");
        assertTooLong(upsert("{\"id\":\"b-1\",\"name\":\"B\",\"taxId\":{\"type\":\"" + "v".repeat(33)
                + "\",\"value\":\"DE1\"}}"), "taxId.type");
        HttpResponse<String> longId = upsert("{\"id\":\"" + "i".repeat(65) + "\",\"name\":\"B\"}");
        assertThat(longId.statusCode()).isEqualTo(400);
        assertThat(api.body(longId).get("field").asText()).isEqualTo("id");

        assertThat(api.ports.customers().find(CustomerId.of("b-1"))).isEmpty();
    }

    @Test
    void usage_event_ids_property_names_values_and_counts_are_bounded_and_nothing_is_recorded() {
        String ok = "{\"eventId\":\"bound-ok\",\"customerId\":\"acme\",\"meter\":\"api_calls\"}";
        String manyProperties = IntStream.range(0, TextBounds.PROPERTIES + 1).mapToObj(i -> "\"p" + i + "\":\"v\"")
                .collect(Collectors.joining(","));
        String[][] cases = {
                {"{\"eventId\":\"" + "e".repeat(129) + "\",\"customerId\":\"acme\",\"meter\":\"api_calls\"}", "events[1].eventId"},
                {"{\"eventId\":\"m-1\",\"customerId\":\"acme\",\"meter\":\"" + "m".repeat(65) + "\"}", "events[1].meter"},
                {"{\"eventId\":\"p-1\",\"customerId\":\"acme\",\"meter\":\"api_calls\",\"properties\":{" + manyProperties
                        + "}}", "events[1].properties"},
                {"{\"eventId\":\"p-2\",\"customerId\":\"acme\",\"meter\":\"api_calls\",\"properties\":{\"" + "k".repeat(65)
                        + "\":\"v\"}}", "events[1].properties"},
                {"{\"eventId\":\"p-3\",\"customerId\":\"acme\",\"meter\":\"api_calls\",\"properties\":{\"region\":\""
                        + "v".repeat(257) + "\"}}", "events[1].properties.region"},
                {"{\"eventId\":\"p-4\",\"customerId\":\"acme\",\"meter\":\"api_calls\",\"properties\":{\"region\":\""
                        + "v".repeat(9000) + "\"}}", "events[1].properties.region"}};
        for (String[] c : cases) {
            assertTooLong(api.post("/api/v1/usage/events", "{\"events\":[" + ok + "," + c[0] + "]}", "X-Api-Key",
                    serviceKey), c[1]);
        }
        assertThat(api.ports.usageEvents().contains(TestServer.ACME, "bound-ok")).as("the valid event was not written")
                .isFalse();
        assertTooLong(api.post("/api/v1/quota/consume", "{\"customerId\":\"acme\",\"meter\":\"api_calls\",\"eventId\":\""
                + "q".repeat(129) + "\"}", "X-Api-Key", serviceKey), "eventId");
    }

    @Test
    void api_key_credit_url_and_webhook_fields_are_bounded_and_nothing_is_created() {
        assertTooLong(api.post("/api/v1/admin/api-keys", "{\"customerId\":\"acme\",\"name\":\"" + "k".repeat(201) + "\"}",
                api.admin()), "name");
        assertTooLong(api.post("/api/v1/billing/subscription/portal", "{\"returnUrl\":\"https://x.example.com/"
                + "p".repeat(2100) + "\"}", api.member()), "returnUrl");
        assertTooLong(api.post("/api/v1/billing/subscription/checkout", "{\"plan\":\"growth\",\"successUrl\":\"https://a.io/"
                + "s".repeat(9000) + "\",\"cancelUrl\":\"https://a.io/c\"}", api.member()), "successUrl");
        String types = IntStream.range(0, TextBounds.EVENT_TYPES + 1).mapToObj(i -> "\"invoice.created\"")
                .collect(Collectors.joining(","));
        assertTooLong(api.post("/api/v1/admin/webhook-endpoints", "{\"customerId\":\"acme\",\"url\":\"https://hooks.example.com/h\","
                + "\"eventTypes\":[" + types + "]}", api.admin()), "eventTypes");
        assertTooLong(api.post("/api/v1/session", "{\"token\":\"" + "t".repeat(9000) + "\"}"), "token");

        JsonNode audit = api.body(api.get("/api/v1/admin/audit?limit=1000", api.admin())).get("entries");
        assertThat(audit.findValuesAsText("action")).doesNotContain("api_key.created", "webhook_endpoint.registered");
        assertThat(api.body(api.get("/api/v1/admin/webhook-endpoints?customerId=acme", api.admin())).get("endpoints"))
                .isEmpty();
    }

    @Test
    void the_openapi_document_states_the_bounds_of_every_bounded_operation() {
        JsonNode doc = api.body(api.get("/api/v1/openapi.json"));

        JsonNode customer = doc.at("/paths/~1api~1v1~1admin~1customers/post/x-billkit-text-bounds");
        assertThat(customer.get("name").get("maxLength").asInt()).isEqualTo(TextBounds.NAME);
        assertThat(customer.get("email").get("maxLength").asInt()).isEqualTo(TextBounds.EMAIL);
        assertThat(customer.get("addressLines").get("maxItems").asInt()).isEqualTo(TextBounds.ADDRESS_LINES);
        JsonNode events = doc.at("/paths/~1api~1v1~1usage~1events/post/x-billkit-text-bounds");
        assertThat(events.get("events[].properties").get("maxProperties").asInt()).isEqualTo(TextBounds.PROPERTIES);
        for (String operation : TextBounds.all().keySet()) {
            String[] parts = operation.split(" ");
            JsonNode op = doc.get("paths").path(parts[1]).path(parts[0].toLowerCase(java.util.Locale.ROOT));
            assertThat(op.has("x-billkit-text-bounds")).as(operation + " is a documented route with its bounds").isTrue();
        }
    }
}
