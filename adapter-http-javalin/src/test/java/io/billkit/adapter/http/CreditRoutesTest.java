package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Credits on the credits seed catalog: acme on Monthly (10,000 credits a period). */
class CreditRoutesTest {
    private static TestServer api;

    @BeforeAll
    static void start() {
        api = TestServer.builder().clock("2026-03-10T12:00:00Z").catalog(SeedCatalogs.credits()).start();
        api.subscribe(TestServer.ACME, "monthly");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void credit_products_and_event_prices_come_from_the_catalog() {
        HttpResponse<String> response = api.get("/api/v1/billing/credit-products", api.member());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = api.body(response);
        assertThat(body.get("catalog").asText()).isEqualTo("credits");
        assertThat(body.get("products").findValuesAsText("code")).containsExactly("pack_1k", "pack_10k", "pack_100k");
        assertThat(body.get("products").get(1).get("price").toString())
                .isEqualTo("{\"amount\":\"90.00\",\"currency\":\"USD\"}");
        assertThat(body.get("creditEvents").get(1).get("name").asText()).isEqualTo("api_call_premium");
        assertThat(body.get("creditEvents").get(1).get("credits").asText()).isEqualTo("5");
        assertThat(api.body(api.get("/api/v1/billing/plans", api.member())).get("plans").get(0)
                .get("includedCredits").asText()).isEqualTo("10000");
    }

    @Test
    void the_balance_holds_the_periods_included_credits() {
        HttpResponse<String> response = api.get("/api/v1/billing/credits?customerId=acme", api.admin());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.body(response).get("subscription").asText()).isEqualTo("10000");
        assertThat(api.body(response).get("customerId").asText()).isEqualTo("acme");
    }

    @Test
    void consuming_debits_the_event_price_once_per_request_id() {
        String body = "{\"creditEvent\":\"api_call_premium\",\"quantity\":\"3\",\"requestId\":\"req-premium-1\"}";
        HttpResponse<String> first = api.post("/api/v1/billing/credits/consume", body, api.member());
        HttpResponse<String> again = api.post("/api/v1/billing/credits/consume", body, api.member());

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(api.body(first).get("creditsDebited").asText()).isEqualTo("15");
        assertThat(api.body(first).get("replayed").asBoolean()).isFalse();
        assertThat(api.body(again).get("replayed").asBoolean()).isTrue();
        assertThat(api.body(again).get("balance").get("total").asText())
                .isEqualTo(api.body(first).get("balance").get("total").asText());
    }

    @Test
    void more_than_the_balance_is_402_and_debits_nothing() {
        String before = api.body(api.get("/api/v1/billing/credits", api.member())).get("total").asText();

        HttpResponse<String> response = api.post("/api/v1/billing/credits/consume",
                "{\"creditEvent\":\"ai_inference\",\"quantity\":\"100000\",\"requestId\":\"req-huge\"}", api.member());

        assertThat(response.statusCode()).isEqualTo(402);
        assertThat(api.body(response).get("type").asText()).endsWith("/insufficient-credits");
        assertThat(api.body(api.get("/api/v1/billing/credits", api.member())).get("total").asText()).isEqualTo(before);
    }

    @Test
    void bad_consumption_input_names_the_field() {
        HttpResponse<String> unknown = api.post("/api/v1/billing/credits/consume",
                "{\"creditEvent\":\"teleport\",\"requestId\":\"r\"}", api.member());
        HttpResponse<String> zero = api.post("/api/v1/billing/credits/consume",
                "{\"creditEvent\":\"api_call_basic\",\"quantity\":\"0\",\"requestId\":\"r\"}", api.member());
        HttpResponse<String> noRequest = api.post("/api/v1/billing/credits/consume",
                "{\"creditEvent\":\"api_call_basic\"}", api.member());

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(api.body(unknown).get("field").asText()).isEqualTo("creditEvent");
        assertThat(api.body(unknown).get("type").asText()).endsWith("/unknown-credit-event");
        assertThat(api.body(zero).get("field").asText()).isEqualTo("quantity");
        assertThat(api.body(noRequest).get("field").asText()).isEqualTo("requestId");
    }

    @Test
    void a_credit_pack_checkout_answers_the_session_url() {
        HttpResponse<String> ok = api.post("/api/v1/billing/credit-products/checkout",
                "{\"product\":\"pack_10k\",\"successUrl\":\"https://app.example.com/ok\",\"cancelUrl\":\"https://app.example.com/no\"}",
                api.member());
        HttpResponse<String> unknown = api.post("/api/v1/billing/credit-products/checkout",
                "{\"product\":\"pack_1m\",\"successUrl\":\"https://app.example.com/ok\",\"cancelUrl\":\"https://app.example.com/no\"}",
                api.member());

        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(api.body(ok).get("url").asText()).startsWith("http");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(api.body(unknown).get("field").asText()).isEqualTo("product");
    }

    @Test
    void credits_need_a_session() {
        assertThat(api.get("/api/v1/billing/credits").statusCode()).isEqualTo(401);
        assertThat(api.post("/api/v1/billing/credits/consume", "{}").statusCode()).isEqualTo(401);
    }

    private String acmeTotal() {
        return api.body(api.get("/api/v1/billing/credits?customerId=acme", api.admin())).get("total").asText();
    }

    @Test
    void an_admin_grant_is_idempotent_by_its_key_replayed_with_the_same_body_and_409_with_another() {
        String[] admin = api.admin();
        String path = "/api/v1/admin/customers/acme/credit-grants";
        String body = "{\"source\":\"purchased\",\"amount\":\"250\",\"reason\":\"order 42\"}";
        java.math.BigDecimal before = new java.math.BigDecimal(acmeTotal());

        HttpResponse<String> first = api.post(path, body, admin[0], admin[1], "Idempotency-Key", "order-42");
        HttpResponse<String> retry = api.post(path, body, admin[0], admin[1], "Idempotency-Key", "order-42");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(api.body(first).get("replayed").asBoolean()).isFalse();
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(api.body(retry).get("grantId").asText()).isEqualTo(api.body(first).get("grantId").asText());
        assertThat(new java.math.BigDecimal(acmeTotal())).isEqualByComparingTo(before.add(new java.math.BigDecimal("250")));

        HttpResponse<String> reused = api.post(path, body.replace("250", "2500"), admin[0], admin[1],
                "Idempotency-Key", "order-42");
        assertThat(reused.statusCode()).as(reused.body()).isEqualTo(409);
        assertThat(reused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(api.body(reused).get("type").asText()).endsWith("/idempotency-key-reused");
        assertThat(new java.math.BigDecimal(acmeTotal())).isEqualByComparingTo(before.add(new java.math.BigDecimal("250")));
    }

    @Test
    void a_grant_without_a_key_or_with_bad_fields_is_400_and_a_member_gets_403_and_nothing_is_granted() {
        String[] admin = api.admin();
        String path = "/api/v1/admin/customers/acme/credit-grants";
        String before = acmeTotal();

        HttpResponse<String> missingKey = api.post(path, "{\"source\":\"purchased\",\"amount\":\"5\"}", admin);
        HttpResponse<String> longKey = api.post(path, "{\"source\":\"purchased\",\"amount\":\"5\"}", admin[0], admin[1],
                "Idempotency-Key", "k".repeat(201));
        HttpResponse<String> badSource = api.post(path, "{\"source\":\"gift\",\"amount\":\"5\"}", admin[0], admin[1],
                "Idempotency-Key", "bad-source");
        HttpResponse<String> negative = api.post(path, "{\"source\":\"purchased\",\"amount\":\"-5\"}", admin[0], admin[1],
                "Idempotency-Key", "negative");
        HttpResponse<String> noExpiry = api.post(path, "{\"source\":\"promotional\",\"amount\":\"5\"}", admin[0], admin[1],
                "Idempotency-Key", "no-expiry");
        HttpResponse<String> member = api.post(path, "{\"source\":\"purchased\",\"amount\":\"5\"}", api.member()[0],
                api.member()[1], "Idempotency-Key", "by-a-member");

        assertThat(missingKey.statusCode()).isEqualTo(400);
        assertThat(api.body(missingKey).get("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(longKey.statusCode()).isEqualTo(400);
        assertThat(badSource.statusCode()).isEqualTo(400);
        assertThat(api.body(badSource).get("field").asText()).isEqualTo("source");
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(api.body(negative).get("field").asText()).isEqualTo("amount");
        assertThat(noExpiry.statusCode()).as(noExpiry.body()).isEqualTo(400);
        assertThat(member.statusCode()).isEqualTo(403);
        assertThat(acmeTotal()).isEqualTo(before);
    }
}
