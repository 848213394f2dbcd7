package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inputs a client should never send but an attacker or a broken client will: each gets a 4xx problem naming
 * the field, never a 500, never a response blown up by echoing the input, and nothing is written.
 */
class HostileInputTest {
    private static TestServer api;
    private static TestServer credits;
    private static String serviceKey;

    @BeforeAll
    static void start() {
        api = TestServer.builder().clock("2026-03-10T12:00:00Z").config(TestServer.config(64 * 1024)).start();
        api.subscribe(TestServer.ACME, "scale");
        api.clock.advance(Duration.ofHours(1));
        serviceKey = api.apiKey("key_service", Optional.empty(), false);
        credits = TestServer.builder().clock("2026-03-10T12:00:00Z").catalog(SeedCatalogs.credits())
                .config(TestServer.config(64 * 1024)).start();
        credits.subscribe(TestServer.ACME, credits.catalog.plans().get(0).code().value());
    }

    @AfterAll
    static void stop() {
        api.close();
        credits.close();
    }

    private static void assertBadRequest(HttpResponse<String> response, String type, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode problem = api.body(response);
        assertThat(problem.get("type").asText()).isEqualTo("https://billkit.io/problems/" + type);
        if (field != null) {
            assertThat(problem.path("field").asText()).isEqualTo(field);
        }
        assertThat(response.body().length()).as("the problem does not echo a huge input").isLessThan(2_000);
    }

    @Test
    void a_literal_null_body_is_a_400_not_a_500() {
        assertBadRequest(api.post("/api/v1/quota/check", "null", "X-Api-Key", serviceKey), "malformed-json", null);
        assertBadRequest(api.post("/api/v1/usage/events", "null", "X-Api-Key", serviceKey), "malformed-json", null);
        assertBadRequest(api.post("/api/v1/admin/customers", " null ", api.admin()), "malformed-json", null);
    }

    @Test
    void a_quantity_with_an_extreme_exponent_is_a_400_naming_the_field() {
        for (String quantity : new String[] {"\"1E+2147483647\"", "\"1E-2147483647\"", "\"0E+2147483647\""}) {
            assertBadRequest(api.post("/api/v1/usage/events", "{\"events\":[{\"eventId\":\"huge-1\",\"customerId\":\"acme\","
                    + "\"meter\":\"api_calls\",\"quantity\":" + quantity + "}]}", "X-Api-Key", serviceKey),
                    "malformed-json", "events[0].quantity");
            assertBadRequest(api.post("/api/v1/quota/check", "{\"customerId\":\"acme\",\"meter\":\"api_calls\",\"quantity\":"
                    + quantity + "}", "X-Api-Key", serviceKey), "malformed-json", "quantity");
            assertBadRequest(api.post("/api/v1/quota/consume", "{\"customerId\":\"acme\",\"meter\":\"api_calls\","
                    + "\"eventId\":\"huge-2\",\"quantity\":" + quantity + "}", "X-Api-Key", serviceKey),
                    "malformed-json", "quantity");
            assertBadRequest(credits.post("/api/v1/billing/credits/consume", "{\"creditEvent\":\"api_call_premium\","
                    + "\"quantity\":" + quantity + ",\"requestId\":\"huge-3\"}", credits.member()), "malformed-json", "quantity");
        }
        assertThat(api.services.currentUsage().current(TestServer.ACME).toString()).doesNotContain("huge");
    }

    @Test
    void a_ten_byte_number_with_a_million_digits_is_refused_instead_of_echoed_or_admitted() {
        HttpResponse<String> check = api.post("/api/v1/quota/check",
                "{\"customerId\":\"acme\",\"meter\":\"api_calls\",\"quantity\":1E+1000000}", "X-Api-Key", serviceKey);
        assertBadRequest(check, "malformed-json", "quantity");
        assertBadRequest(api.post("/api/v1/usage/events", "{\"events\":[{\"eventId\":\"big-1\",\"customerId\":\"acme\","
                + "\"meter\":\"api_calls\",\"quantity\":1e400}]}", "X-Api-Key", serviceKey), "malformed-json", "events[0].quantity");
    }

    @Test
    void a_tax_rate_with_a_million_decimals_is_refused_and_the_customer_not_written() {
        assertBadRequest(api.post("/api/v1/admin/customers", "{\"id\":\"tiny-tax\",\"name\":\"Tiny\",\"taxRate\":1E-1000000}",
                api.admin()), "malformed-json", "taxRate");
        assertThat(api.get("/api/v1/billing/summary?customerId=tiny-tax", api.admin()).statusCode()).isEqualTo(404);
    }

    @Test
    void ordinary_decimals_still_pass_the_bound() {
        HttpResponse<String> response = api.post("/api/v1/quota/check",
                "{\"customerId\":\"acme\",\"meter\":\"api_calls\",\"quantity\":\"1000000000000000.000000000001\"}",
                "X-Api-Key", serviceKey);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void a_null_property_value_is_a_400_naming_the_property_and_nothing_is_recorded() {
        HttpResponse<String> response = api.post("/api/v1/usage/events", "{\"events\":["
                + "{\"eventId\":\"prop-ok\",\"customerId\":\"acme\",\"meter\":\"api_calls\",\"quantity\":\"7\"},"
                + "{\"eventId\":\"prop-null\",\"customerId\":\"acme\",\"meter\":\"api_calls\",\"properties\":{\"region\":null}}]}",
                "X-Api-Key", serviceKey);

        assertBadRequest(response, "invalid-argument", "events[1].properties.region");
        HttpResponse<String> retry = api.post("/api/v1/usage/events", "{\"events\":["
                + "{\"eventId\":\"prop-ok\",\"customerId\":\"acme\",\"meter\":\"api_calls\",\"quantity\":\"7\"}]}",
                "X-Api-Key", serviceKey);
        assertThat(api.body(retry).get("accepted").asLong()).as("the first event was not half-written").isEqualTo(1);
    }

    @Test
    void a_date_at_the_edge_of_the_calendar_is_a_400_naming_the_parameter() {
        HttpResponse<String> to = api.get("/api/v1/billing/usage/history?to=-999999999-01-01", api.member());
        assertBadRequest(to, "invalid-argument", "to");
        HttpResponse<String> from = api.get("/api/v1/billing/usage/history?from=-999999999-01-01&to=2026-03-01",
                api.member());
        assertBadRequest(from, "invalid-argument", "from");
        HttpResponse<String> plus = api.get("/api/v1/billing/usage/history?to=%2B999999999-12-31", api.member());
        assertBadRequest(plus, "invalid-argument", "to");
        assertBadRequest(api.get("/api/v1/billing/invoices?from=-999999999-01-01", api.member()), "invalid-argument", "from");
    }

    @Test
    void a_page_whose_offset_overflows_is_a_400_naming_page() {
        assertBadRequest(api.get("/api/v1/billing/invoices?page=2147483647&limit=100", api.member()), "invalid-argument",
                "page");
        assertBadRequest(api.get("/api/v1/billing/invoices?page=21474837&limit=101", api.member()), "invalid-argument",
                "limit");
        assertThat(api.get("/api/v1/billing/invoices?page=21474836&limit=100", api.member()).statusCode()).isEqualTo(200);
    }

    @Test
    void an_unavailable_payment_provider_is_a_503_with_retry_after() {
        ((io.billkit.application.inmemory.MockPaymentProvider) api.ports.paymentProvider())
                .failNextCall(io.billkit.application.inmemory.MockPaymentProvider.Failure.TIMEOUT);

        HttpResponse<String> portal = api.post("/api/v1/billing/subscription/portal",
                "{\"returnUrl\":\"https://app.example.com/billing\"}", api.member());

        assertThat(portal.statusCode()).as(portal.body()).isEqualTo(503);
        assertThat(api.body(portal).get("type").asText()).isEqualTo("https://billkit.io/problems/provider-unavailable");
        assertThat(portal.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isPositive());
    }
}
