package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coupons over HTTP: acme and globex on apex Scale (USD 1,999.00) from 2026-03-10; an admin creates coupons and
 * applies them; the period closed on 2026-04-10 shows the discount line; members see their own discounts only.
 */
class CouponRoutesTest {
    private TestServer api;

    @BeforeEach
    void start() {
        api = TestServer.builder().clock("2026-03-10T12:00:00Z").start();
        api.subscribe(TestServer.ACME, "scale");
        api.subscribe(TestServer.GLOBEX, "scale");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> create(String json) {
        return api.post(CouponRoutes.ADMIN_PATH, json, api.admin());
    }

    private HttpResponse<String> applyTo(String customer, String coupon) {
        return api.post("/api/v1/admin/customers/" + customer + "/discounts", "{\"coupon\":\"" + coupon + "\"}",
                api.admin());
    }

    @Test
    void an_admin_creates_a_coupon_applies_it_once_with_an_idempotency_key_and_the_invoice_shows_the_discount() {
        HttpResponse<String> created = create("""
                {"code":"SPRING25","name":"Spring","percentOff":25,"duration":"repeating","durationPeriods":2,
                 "plans":["scale"],"maxRedemptions":10}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode coupon = api.body(created);
        assertThat(coupon.get("code").asText()).isEqualTo("SPRING25");
        assertThat(coupon.get("percentOff").asText()).isEqualTo("25");
        assertThat(coupon.get("duration").asText()).isEqualTo("repeating");
        assertThat(coupon.get("durationPeriods").asInt()).isEqualTo(2);
        assertThat(coupon.get("redemptionsLeft").asInt()).isEqualTo(10);
        assertThat(create("{\"code\":\"SPRING25\",\"percentOff\":5,\"duration\":\"once\"}").statusCode())
                .as("code taken").isEqualTo(409);

        HttpRequest.Builder apply = api.request("/api/v1/admin/customers/acme/discounts")
                .POST(HttpRequest.BodyPublishers.ofString("{\"coupon\":\"SPRING25\"}"))
                .header("Content-Type", "application/json").header("Idempotency-Key", "apply-spring-acme-1")
                .headers(api.admin());
        HttpResponse<String> first = api.send(apply);
        HttpResponse<String> retry = api.send(apply);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(api.body(retry).get("id").asText()).isEqualTo(api.body(first).get("id").asText());
        JsonNode coupons = api.body(api.get(CouponRoutes.ADMIN_PATH, api.admin())).get("coupons");
        JsonNode spring = null;
        for (JsonNode c : coupons) {
            if (c.get("code").asText().equals("SPRING25")) {
                spring = c;
            }
        }
        assertThat(spring).isNotNull();
        assertThat(spring.get("timesRedeemed").asInt()).as("the retry redeemed nothing").isEqualTo(1);
        HttpResponse<String> again = applyTo("acme", "SPRING25");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(api.body(again).get("type").asText()).endsWith("conflict");

        JsonNode mine = api.body(api.get("/api/v1/billing/discounts", api.member()));
        assertThat(mine.get("discounts")).hasSize(1);
        assertThat(mine.get("discounts").get(0).get("coupon").asText()).isEqualTo("SPRING25");
        assertThat(mine.get("discounts").get(0).get("status").asText()).isEqualTo("active");
        assertThat(mine.get("discounts").get(0).get("periodsLeft").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/billing/discounts?customerId=globex", api.member()).statusCode())
                .as("another customer's discounts").isEqualTo(403);
        assertThat(api.body(api.get("/api/v1/billing/discounts?customerId=globex", api.admin())).get("discounts"))
                .isEmpty();

        api.clock.set(Instant.parse("2026-04-10T14:00:00Z"));
        assertThat(api.post("/api/v1/admin/periods/close", "", api.admin()).statusCode()).isEqualTo(200);
        String invoiceId = api.body(api.get("/api/v1/billing/invoices", api.member())).get("items").get(0).get("id")
                .asText();
        JsonNode invoice = api.body(api.get("/api/v1/billing/invoices/" + invoiceId, api.member()));
        JsonNode discount = invoice.get("lines").get(1);
        assertThat(discount.get("kind").asText()).isEqualTo("discount");
        assertThat(discount.get("coupon").asText()).isEqualTo("SPRING25");
        assertThat(discount.get("appliesTo").asText()).isEqualTo("all charges");
        assertThat(discount.get("amount").toString()).isEqualTo("{\"amount\":\"-499.75\",\"currency\":\"USD\"}");
        assertThat(invoice.get("total").toString()).isEqualTo("{\"amount\":\"1499.25\",\"currency\":\"USD\"}");

        String redemption = api.body(first).get("id").asText();
        HttpResponse<String> foreign = api.send(api.request("/api/v1/admin/customers/globex/discounts/" + redemption)
                .DELETE().headers(api.admin()));
        assertThat(foreign.statusCode()).as("another customer's redemption").isEqualTo(404);
        HttpResponse<String> removed = api.send(api.request("/api/v1/admin/customers/acme/discounts/" + redemption)
                .DELETE().headers(api.admin()));
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(api.body(removed).get("status").asText()).isEqualTo("removed");
    }

    @Test
    void refusals_are_problems_that_name_the_reason() {
        assertThat(create("{\"code\":\"ONLYGROWTH\",\"percentOff\":10,\"duration\":\"forever\",\"plans\":[\"growth\"]}")
                .statusCode()).isEqualTo(201);
        assertThat(create("{\"code\":\"LIMIT1\",\"amountOff\":\"5.00\",\"currency\":\"usd\",\"duration\":\"once\","
                + "\"maxRedemptions\":1}").statusCode()).isEqualTo(201);
        assertThat(create("{\"code\":\"SOON\",\"percentOff\":10,\"duration\":\"once\",\"redeemBy\":\"2026-03-10T12:00:01Z\"}")
                .statusCode()).isEqualTo(201);

        HttpResponse<String> notApplicable = applyTo("globex", "ONLYGROWTH");
        assertThat(notApplicable.statusCode()).isEqualTo(400);
        assertThat(notApplicable.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/problem+json"));
        assertThat(api.body(notApplicable).get("type").asText()).endsWith("coupon-not-applicable");
        assertThat(api.body(notApplicable).get("detail").asText()).contains("growth", "scale");

        assertThat(applyTo("globex", "LIMIT1").statusCode()).isEqualTo(201);
        HttpResponse<String> exhausted = applyTo("acme", "LIMIT1");
        assertThat(exhausted.statusCode()).isEqualTo(409);
        assertThat(api.body(exhausted).get("type").asText()).endsWith("coupon-exhausted");

        Instant before = api.clock.instant();
        api.clock.set(Instant.parse("2026-03-10T12:00:01Z"));
        HttpResponse<String> expired = applyTo("globex", "SOON");
        api.clock.set(before);
        assertThat(expired.statusCode()).isEqualTo(409);
        assertThat(api.body(expired).get("type").asText()).endsWith("coupon-expired");

        assertThat(applyTo("globex", "NOSUCH").statusCode()).isEqualTo(404);
        assertThat(applyTo("nobody", "LIMIT1").statusCode()).isEqualTo(404);
        assertThat(api.post("/api/v1/admin/customers/acme/discounts", "{\"coupon\":\"LIMIT1\"}", api.member())
                .statusCode()).as("members do not apply coupons").isEqualTo(403);

        assertField(create("{\"code\":\"lower\",\"percentOff\":10,\"duration\":\"once\"}"), "code");
        assertField(create("{\"code\":\"BOTH\",\"percentOff\":10,\"amountOff\":\"1.00\",\"currency\":\"USD\",\"duration\":\"once\"}"), "amountOff");
        assertField(create("{\"code\":\"NONE\",\"duration\":\"once\"}"), "percentOff");
        assertField(create("{\"code\":\"PCT\",\"percentOff\":120,\"duration\":\"once\"}"), "percentOff");
        assertField(create("{\"code\":\"CENTS\",\"amountOff\":\"1.005\",\"currency\":\"USD\",\"duration\":\"once\"}"), "amountOff");
        assertField(create("{\"code\":\"CUR\",\"amountOff\":\"1.00\",\"currency\":\"XYZ\",\"duration\":\"once\"}"), "currency");
        assertField(create("{\"code\":\"DUR\",\"percentOff\":10,\"duration\":\"sometimes\"}"), "duration");
        assertField(create("{\"code\":\"REP\",\"percentOff\":10,\"duration\":\"repeating\"}"), "durationPeriods");
        assertField(create("{\"code\":\"PLAN\",\"percentOff\":10,\"duration\":\"once\",\"plans\":[\"gold\"]}"), "plans");
        assertField(create("{\"code\":\"METER\",\"percentOff\":10,\"duration\":\"once\",\"meters\":[\"nope\"]}"), "meters");
        assertField(create("{\"code\":\"PAST\",\"percentOff\":10,\"duration\":\"once\",\"redeemBy\":\"2026-01-01T00:00:00Z\"}"), "redeemBy");
        assertField(create("{\"code\":\"MAX\",\"percentOff\":10,\"duration\":\"once\",\"maxRedemptions\":0}"), "maxRedemptions");
        assertThat(api.body(api.get(CouponRoutes.ADMIN_PATH, api.admin())).get("coupons").toString())
                .as("no refused coupon was written").doesNotContain("\"BOTH\"", "\"PLAN\"", "\"PAST\"", "\"MAX\"");
    }

    private void assertField(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(api.body(response).get("field").asText()).as(response.body()).isEqualTo(field);
    }
}
