package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.billkit.application.port.out.ApiKeyStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Admin routes: customers, subscriptions, API keys, period close, audit and reconciliation. */
class AdminRoutesTest {
    private static final String KEY = "reconcile-2026-03-10-0001";
    private static TestServer api;

    @BeforeAll
    static void start() {
        api = TestServer.builder().clock("2026-03-10T12:00:00Z").start();
        api.subscribe(TestServer.ACME, "scale");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void a_member_gets_403_on_every_admin_route() {
        List<HttpResponse<String>> responses = List.of(
                api.post("/api/v1/admin/periods/close", "", api.member()),
                api.get("/api/v1/admin/audit", api.member()),
                api.post("/api/v1/admin/customers", "{\"id\":\"x\",\"name\":\"X\"}", api.member()),
                api.post("/api/v1/admin/subscriptions", "{\"customerId\":\"acme\",\"plan\":\"scale\"}", api.member()),
                api.post("/api/v1/admin/api-keys", "{}", api.member()),
                api.post("/api/v1/billing/reconcile", "", api.member()),
                api.get("/api/v1/billing/reconcile/history", api.member()));

        assertThat(responses).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(api.body(r).get("type").asText()).isEqualTo("https://billkit.io/problems/forbidden");
        });
        assertThat(api.post("/api/v1/admin/periods/close", "").statusCode()).isEqualTo(401);
    }

    @Test
    void an_admin_upserts_a_customer_and_subscribes_it() {
        HttpResponse<String> customer = api.post("/api/v1/admin/customers", """
                {"id":"wayne","name":"Wayne Enterprises","email":"ap@wayne.example","timeZone":"America/New_York",
                 "taxRate":"0.0875","paymentTermsDays":15,"address":"1007 Mountain Drive\\nGotham"}""", api.admin());
        HttpResponse<String> subscription = api.post("/api/v1/admin/subscriptions",
                "{\"customerId\":\"wayne\",\"plan\":\"growth\"}", api.admin());
        HttpResponse<String> twice = api.post("/api/v1/admin/subscriptions",
                "{\"customerId\":\"wayne\",\"plan\":\"scale\"}", api.admin());

        assertThat(customer.statusCode()).as(customer.body()).isEqualTo(200);
        JsonNode body = api.body(customer);
        assertThat(body.get("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(body.get("taxRate").asText()).isEqualTo("0.0875");
        assertThat(body.get("paymentTermsDays").asInt()).isEqualTo(15);
        assertThat(subscription.statusCode()).as(subscription.body()).isEqualTo(201);
        assertThat(api.body(subscription).get("plan").asText()).isEqualTo("growth");
        assertThat(api.body(subscription).get("customerId").asText()).isEqualTo("wayne");
        assertThat(twice.statusCode()).isEqualTo(409);
    }

    @Test
    void a_customer_gets_a_tax_id_and_an_address_as_lines() {
        HttpResponse<String> customer = api.post("/api/v1/admin/customers", """
                {"id":"acme-ie","name":"Acme Analytics Ltd.","addressLines":["12 Harbour Road","Dublin D02 XY45","Ireland"],
                 "taxId":{"type":"vat","value":"ie6388047v"}}""", api.admin());
        assertThat(customer.statusCode()).as(customer.body()).isEqualTo(200);
        JsonNode body = api.body(customer);
        assertThat(body.get("taxId").get("printed").asText()).isEqualTo("VAT ID: IE6388047V");
        assertThat(body.get("addressLines")).hasSize(3);
        assertThat(body.get("address").asText()).isEqualTo("12 Harbour Road\nDublin D02 XY45\nIreland");
        assertThat(field(api.post("/api/v1/admin/customers",
                "{\"id\":\"a\",\"name\":\"A\",\"taxId\":{\"type\":\"jp_registration\",\"value\":\"123\"}}",
                api.admin()))).isEqualTo("taxId");
        assertThat(field(api.post("/api/v1/admin/customers",
                "{\"id\":\"a\",\"name\":\"A\",\"taxId\":{\"type\":\"ssn\",\"value\":\"123\"}}",
                api.admin()))).isEqualTo("taxId");
        assertThat(field(api.post("/api/v1/admin/customers",
                "{\"id\":\"a\",\"name\":\"A\",\"address\":\"x\",\"addressLines\":[\"y\"]}",
                api.admin()))).isEqualTo("addressLines");
    }

    @Test
    void bad_customer_fields_are_named() {
        assertThat(field(api.post("/api/v1/admin/customers", "{\"name\":\"No Id\"}", api.admin()))).isEqualTo("id");
        assertThat(field(api.post("/api/v1/admin/customers", "{\"id\":\"a\",\"name\":\" \"}", api.admin())))
                .isEqualTo("name");
        assertThat(field(api.post("/api/v1/admin/customers", "{\"id\":\"a\",\"name\":\"A\",\"timeZone\":\"Mars/Olympus\"}",
                api.admin()))).isEqualTo("timeZone");
        assertThat(field(api.post("/api/v1/admin/customers", "{\"id\":\"a\",\"name\":\"A\",\"taxRate\":\"1.5\"}",
                api.admin()))).isEqualTo("taxRate");
        assertThat(field(api.post("/api/v1/admin/customers", "{\"id\":\"a\",\"name\":\"A\",\"paymentTermsDays\":400}",
                api.admin()))).isEqualTo("paymentTermsDays");
        assertThat(field(api.post("/api/v1/admin/customers", "{\"id\":\"a\",\"name\":\"A\",\"email\":\"nope\"}",
                api.admin()))).isEqualTo("email");
        assertThat(field(api.post("/api/v1/admin/subscriptions", "{\"customerId\":\"acme\",\"plan\":\"gold\"}",
                api.admin()))).isEqualTo("plan");
    }

    private static String field(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return api.body(response).get("field").asText();
    }

    @Test
    void a_created_api_key_is_shown_once_stored_hashed_and_works_for_its_customer_only() {
        HttpResponse<String> created = api.post("/api/v1/admin/api-keys",
                "{\"customerId\":\"acme\",\"name\":\"acme backend\"}", api.admin());

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = api.body(created);
        String clear = body.get("key").asText();
        assertThat(clear).startsWith("bk_");
        assertThat(body.get("customerId").asText()).isEqualTo("acme");
        ApiKeyStore.ApiKey stored = api.apiKeys.findByHash(ApiKeys.sha256Hex(clear)).orElseThrow();
        assertThat(stored.id()).isEqualTo(body.get("id").asText());
        assertThat(stored.keyHash()).isNotEqualTo(clear).hasSize(64);

        HttpResponse<String> ingest = api.post("/api/v1/usage/events",
                "{\"events\":[{\"eventId\":\"k-1\",\"meter\":\"api_calls\"},"
                        + "{\"eventId\":\"k-2\",\"customerId\":\"globex\",\"meter\":\"api_calls\"}]}",
                "X-Api-Key", clear);
        assertThat(ingest.statusCode()).isEqualTo(200);
        assertThat(api.body(ingest).get("results").get(0).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(api.body(ingest).get("results").get(1).get("code").asText()).isEqualTo("FORBIDDEN");

        JsonNode audit = api.body(api.get("/api/v1/admin/audit?customerId=acme", api.admin())).get("entries");
        assertThat(audit.findValuesAsText("action")).contains("api_key.created");
        assertThat(audit.toString()).doesNotContain(clear);
    }

    @Test
    void a_service_wide_key_is_made_only_when_asked_for_by_scope() {
        HttpResponse<String> created = api.post("/api/v1/admin/api-keys", "{\"scope\":\"service\"}", api.admin());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(api.body(created).has("customerId")).isFalse();
        assertThat(api.body(created).get("name").asText()).isEqualTo("service API key");
        assertThat(api.apiKeys.findByHash(ApiKeys.sha256Hex(api.body(created).get("key").asText())).orElseThrow()
                .customer()).isEmpty();
    }

    @Test
    void an_api_key_without_a_customer_or_an_explicit_service_scope_is_a_400_and_creates_nothing() {
        int auditBefore = api.body(api.get("/api/v1/admin/audit?limit=1000", api.admin())).get("entries").size();
        String[][] cases = {
                {"", null}, {"{}", "customerId"}, {"{\"name\":\"all of them\"}", "customerId"},
                {"{\"scope\":\"customer\"}", "customerId"}, {"{\"scope\":\"everything\"}", "scope"},
                {"{\"scope\":\"service\",\"customerId\":\"acme\"}", "customerId"}};
        for (String[] c : cases) {
            HttpResponse<String> refused = api.post("/api/v1/admin/api-keys", c[0], api.admin());
            assertThat(refused.statusCode()).as(c[0] + " -> " + refused.body()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(refused.body()).doesNotContain("\"key\"");
            if (c[1] != null) {
                assertThat(api.body(refused).get("field").asText()).isEqualTo(c[1]);
            }
        }
        int auditAfter = api.body(api.get("/api/v1/admin/audit?limit=1000", api.admin())).get("entries").size();
        assertThat(auditAfter).as("no api_key.created entry").isEqualTo(auditBefore);
    }

    @Test
    void closing_periods_before_any_ended_creates_nothing() {
        HttpResponse<String> response = api.post("/api/v1/admin/periods/close", "", api.admin());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.body(response).get("created")).isEmpty();
        assertThat(api.body(response).get("failures")).isEmpty();
    }

    @Test
    void reconcile_needs_an_idempotency_key_of_16_characters() {
        HttpResponse<String> missing = api.post("/api/v1/billing/reconcile", "", api.admin());
        String[] admin = api.admin();
        HttpResponse<String> shortKey = api.post("/api/v1/billing/reconcile", "", admin[0], admin[1],
                "Idempotency-Key", "too-short");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(api.body(missing).get("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(shortKey.statusCode()).isEqualTo(400);
        assertThat(api.body(shortKey).get("field").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void reconcile_replays_with_the_same_body_and_is_409_with_another() {
        String[] admin = api.admin();
        HttpResponse<String> first = api.post("/api/v1/billing/reconcile", "{\"customerId\":\"acme\"}",
                admin[0], admin[1], "Idempotency-Key", KEY);
        HttpResponse<String> replay = api.post("/api/v1/billing/reconcile", "{\"customerId\":\"acme\"}",
                admin[0], admin[1], "Idempotency-Key", KEY);
        HttpResponse<String> otherBody = api.post("/api/v1/billing/reconcile", "{}",
                admin[0], admin[1], "Idempotency-Key", KEY);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(api.body(first).get("replayed").asBoolean()).isFalse();
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(api.body(replay).get("replayed").asBoolean()).isTrue();
        assertThat(api.body(replay).get("runId").asText()).isEqualTo(api.body(first).get("runId").asText());
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(otherBody.statusCode()).isEqualTo(409);
        assertThat(api.body(otherBody).get("type").asText()).endsWith("/idempotency-key-reused");

        JsonNode runs = api.body(api.get("/api/v1/billing/reconcile/history", api.admin())).get("runs");
        assertThat(runs.findValuesAsText("runId")).contains(api.body(first).get("runId").asText());
    }
}
