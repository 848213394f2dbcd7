package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/usage/events} and the quota routes with API keys (apex and mortgage catalogs). */
class IngestionRoutesTest {
    private static TestServer api;
    private static TestServer mortgage;
    private static String serviceKey;
    private static String acmeKey;

    @BeforeAll
    static void start() {
        api = TestServer.builder().clock("2026-03-10T12:00:00Z").config(TestServer.config(1024 * 1024)).start();
        api.subscribe(TestServer.ACME, "scale");
        api.subscribe(TestServer.GLOBEX, "scale");
        api.clock.advance(Duration.ofHours(1));
        serviceKey = api.apiKey("key_service", Optional.empty(), false);
        acmeKey = api.apiKey("key_acme", Optional.of(TestServer.ACME), false);
        mortgage = TestServer.builder().clock("2026-03-10T12:00:00Z").catalog(SeedCatalogs.mortgage()).start();
        mortgage.subscribe(TestServer.ACME, "free");
    }

    @AfterAll
    static void stop() {
        api.close();
        mortgage.close();
    }

    private static String event(String id, String customer, String meter, String quantity) {
        return "{\"eventId\":\"" + id + "\",\"customerId\":\"" + customer + "\",\"meter\":\"" + meter
                + "\",\"quantity\":\"" + quantity + "\",\"timestamp\":\"2026-03-10T12:30:00Z\"}";
    }

    private static String batch(String... events) {
        return "{\"events\":[" + String.join(",", events) + "]}";
    }

    private static String result(JsonNode body, int index, String field) {
        return body.get("results").get(index).path(field).asText();
    }

    @Test
    void each_event_gets_its_own_result_accepted_duplicate_or_rejected_with_code() {
        HttpResponse<String> response = api.post("/api/v1/usage/events", batch(
                event("b1-1", "acme", "api_calls", "10"),
                event("b1-1", "acme", "api_calls", "10"),
                event("b1-3", "acme", "no_such_meter", "1"),
                event("b1-4", "acme", "api_calls", "-5"),
                event("b1-5", "acme", "api_calls", "10000000000000000000"),
                event("b1-6", "globex", "impressions", "1500")), "X-Api-Key", serviceKey);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = api.body(response);
        assertThat(body.get("accepted").asLong()).isEqualTo(2);
        assertThat(body.get("duplicates").asLong()).isEqualTo(1);
        assertThat(body.get("rejected").asLong()).isEqualTo(3);
        assertThat(result(body, 0, "status")).isEqualTo("ACCEPTED");
        assertThat(body.get("results").get(0).has("code")).isFalse();
        assertThat(result(body, 1, "status")).isEqualTo("DUPLICATE");
        assertThat(result(body, 2, "status")).isEqualTo("REJECTED");
        assertThat(result(body, 2, "code")).isEqualTo("UNKNOWN_METER");
        assertThat(result(body, 3, "code")).isEqualTo("INVALID_ARGUMENT");
        assertThat(result(body, 3, "reason")).contains("negative");
        assertThat(result(body, 4, "code")).isEqualTo("INVALID_ARGUMENT");
        assertThat(result(body, 4, "reason")).contains("too large");
        assertThat(result(body, 5, "status")).isEqualTo("ACCEPTED");
        assertThat(result(body, 5, "eventId")).isEqualTo("b1-6");
    }

    @Test
    void sending_the_same_event_again_is_a_duplicate_and_usage_counts_once() {
        String body = batch(event("b2-1", "acme", "data_transfer_gb", "7"));
        api.post("/api/v1/usage/events", body, "X-Api-Key", serviceKey);

        HttpResponse<String> again = api.post("/api/v1/usage/events", body, "X-Api-Key", serviceKey);

        assertThat(result(api.body(again), 0, "status")).isEqualTo("DUPLICATE");
        JsonNode usage = api.body(api.get("/api/v1/billing/usage/current", api.member()));
        assertThat(usage.get("meters").findValues("meter").stream().map(JsonNode::asText)).contains("data_transfer_gb");
        for (JsonNode meter : usage.get("meters")) {
            if (meter.get("meter").asText().equals("data_transfer_gb")) {
                assertThat(meter.get("used").asText()).isEqualTo("7");
            }
        }
    }

    @Test
    void defaults_fill_customer_quantity_and_timestamp_for_a_scoped_key() {
        HttpResponse<String> response = api.post("/api/v1/usage/events",
                "{\"events\":[{\"eventId\":\"b3-1\",\"meter\":\"api_calls\"}]}", "X-Api-Key", acmeKey);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(result(api.body(response), 0, "status")).isEqualTo("ACCEPTED");
    }

    @Test
    void a_scoped_key_sending_another_customers_events_gets_those_rejected_forbidden() {
        HttpResponse<String> response = api.post("/api/v1/usage/events", batch(
                event("b4-1", "acme", "api_calls", "1"),
                event("b4-2", "globex", "api_calls", "1")), "X-Api-Key", acmeKey);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = api.body(response);
        assertThat(result(body, 0, "status")).isEqualTo("ACCEPTED");
        assertThat(result(body, 1, "status")).isEqualTo("REJECTED");
        assertThat(result(body, 1, "code")).isEqualTo("FORBIDDEN");
        assertThat(api.ports.usageEvents().contains(TestServer.GLOBEX, "b4-2")).isFalse();
    }

    @Test
    void a_batch_of_1001_events_is_400_naming_events() {
        StringJoiner events = new StringJoiner(",");
        for (int i = 0; i < 1001; i++) {
            events.add(event("big-" + i, "acme", "api_calls", "1"));
        }

        HttpResponse<String> response = api.post("/api/v1/usage/events", "{\"events\":[" + events + "]}",
                "X-Api-Key", serviceKey);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(api.body(response).get("field").asText()).isEqualTo("events");
        assertThat(api.ports.usageEvents().contains(TestServer.ACME, "big-0")).isFalse();
    }

    @Test
    void a_batch_of_1000_events_is_recorded() {
        StringJoiner events = new StringJoiner(",");
        for (int i = 0; i < 1000; i++) {
            events.add(event("full-" + i, "acme", "impressions", "1"));
        }

        HttpResponse<String> response = api.post("/api/v1/usage/events", "{\"events\":[" + events + "]}",
                "X-Api-Key", serviceKey);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.body(response).get("accepted").asLong()).isEqualTo(1000);
    }

    @Test
    void a_malformed_value_is_400_naming_the_events_field_and_nothing_is_stored() {
        HttpResponse<String> badQuantity = api.post("/api/v1/usage/events", batch(
                event("b5-0", "acme", "api_calls", "1"),
                event("b5-1", "acme", "api_calls", "1"),
                event("b5-2", "acme", "api_calls", "1"),
                event("b5-3", "acme", "api_calls", "lots")), "X-Api-Key", serviceKey);
        HttpResponse<String> noId = api.post("/api/v1/usage/events",
                "{\"events\":[{\"meter\":\"api_calls\",\"customerId\":\"acme\"}]}", "X-Api-Key", serviceKey);
        HttpResponse<String> noCustomer = api.post("/api/v1/usage/events",
                "{\"events\":[{\"eventId\":\"x\",\"meter\":\"api_calls\"}]}", "X-Api-Key", serviceKey);

        assertThat(badQuantity.statusCode()).isEqualTo(400);
        assertThat(api.body(badQuantity).get("field").asText()).isEqualTo("events[3].quantity");
        assertThat(api.ports.usageEvents().contains(TestServer.ACME, "b5-0")).isFalse();
        assertThat(api.body(noId).get("field").asText()).isEqualTo("events[0].eventId");
        assertThat(api.body(noCustomer).get("field").asText()).isEqualTo("events[0].customerId");
    }

    @Test
    void ingestion_needs_an_api_key_and_rejects_a_session_token() {
        String body = batch(event("b6-1", "acme", "api_calls", "1"));

        assertThat(api.post("/api/v1/usage/events", body).statusCode()).isEqualTo(401);
        assertThat(api.post("/api/v1/usage/events", body, "X-Api-Key", "bk_unknown").statusCode()).isEqualTo(401);
        assertThat(api.post("/api/v1/usage/events", body, api.admin()).statusCode()).isEqualTo(401);
    }

    @Test
    void accepted_events_are_counted_in_the_ingestion_metric() {
        String before = api.metrics.scrape();
        api.post("/api/v1/usage/events", batch(
                event("b7-1", "acme", "api_calls", "1"),
                event("b7-2", "acme", "api_calls", "1"),
                event("b7-3", "acme", "nope", "1")), "X-Api-Key", serviceKey);

        assertThat(counter(api.metrics.scrape()) - counter(before)).isEqualTo(2.0);
    }

    private static double counter(String scrape) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith("billkit_usage_events_ingested_total ")) {
                return Double.parseDouble(line.substring(line.indexOf(' ') + 1));
            }
        }
        throw new AssertionError("no ingestion counter in " + scrape);
    }

    @Test
    void quota_check_and_consume_answer_the_decision() {
        HttpResponse<String> check = api.post("/api/v1/quota/check",
                "{\"customerId\":\"acme\",\"meter\":\"api_calls\",\"quantity\":\"10\"}", "X-Api-Key", serviceKey);
        HttpResponse<String> consume = api.post("/api/v1/quota/consume",
                "{\"meter\":\"api_calls\",\"quantity\":\"10\",\"eventId\":\"q-1\"}", "X-Api-Key", acmeKey);

        assertThat(check.statusCode()).isEqualTo(200);
        assertThat(api.body(check).get("admission").asText()).isEqualTo("ALLOWED");
        assertThat(api.body(check).get("limit").asText()).isEqualTo("5000000");
        assertThat(consume.statusCode()).isEqualTo(200);
        assertThat(api.body(consume).get("admission").asText()).isEqualTo("ALLOWED");
        assertThat(api.ports.usageEvents().contains(TestServer.ACME, "q-1")).isTrue();
    }

    @Test
    void a_hard_daily_limit_denies_consumption_past_it() {
        String key = mortgage.apiKey("key_mortgage", Optional.of(TestServer.ACME), false);
        HttpResponse<String> first = mortgage.post("/api/v1/quota/consume",
                "{\"meter\":\"api_calls\",\"quantity\":\"100\",\"eventId\":\"m-1\"}", "X-Api-Key", key);
        HttpResponse<String> second = mortgage.post("/api/v1/quota/consume",
                "{\"meter\":\"api_calls\",\"quantity\":\"1\",\"eventId\":\"m-2\"}", "X-Api-Key", key);

        assertThat(mortgage.body(first).get("admission").asText()).isEqualTo("ALLOWED");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(mortgage.body(second).get("admission").asText()).isEqualTo("DENIED");
        assertThat(mortgage.body(second).get("window").asText()).isEqualTo("DAY");
    }

    @Test
    void quota_for_a_customer_outside_the_keys_scope_is_403_and_bad_input_names_the_field() {
        HttpResponse<String> foreign = api.post("/api/v1/quota/check",
                "{\"customerId\":\"globex\",\"meter\":\"api_calls\"}", "X-Api-Key", acmeKey);
        HttpResponse<String> unknownMeter = api.post("/api/v1/quota/check",
                "{\"customerId\":\"acme\",\"meter\":\"tea\"}", "X-Api-Key", serviceKey);
        HttpResponse<String> noEventId = api.post("/api/v1/quota/consume",
                "{\"customerId\":\"acme\",\"meter\":\"api_calls\"}", "X-Api-Key", serviceKey);

        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(unknownMeter.statusCode()).isEqualTo(400);
        assertThat(api.body(unknownMeter).get("field").asText()).isEqualTo("meter");
        assertThat(api.body(unknownMeter).get("type").asText()).endsWith("/unknown-meter");
        assertThat(api.body(noEventId).get("field").asText()).isEqualTo("eventId");
    }
}
