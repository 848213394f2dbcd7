package io.billkit.adapter.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BillingDisabledTest {
    private static TestServer api;

    @BeforeAll
    static void start() {
        HttpConfig base = TestServer.config();
        api = TestServer.start(new HttpConfig(base.host(), 0, base.maxRequestBytes(),
                new HttpConfig.Features(false, true, false, false), base.info(), base.jwt(), base.rateLimits()));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void billing_usage_and_quota_routes_answer_503_problem_when_billing_is_disabled() {
        String key = api.apiKey("key_disabled", Optional.empty(), false);
        HttpResponse<String> billing = api.get("/api/v1/billing/probe", "Authorization", "Bearer " + api.memberToken());
        HttpResponse<String> usage = api.post("/api/v1/usage/probe/acme", "{}", "X-Api-Key", key);
        HttpResponse<String> quota = api.get("/api/v1/quota/anything");

        for (HttpResponse<String> response : java.util.List.of(billing, usage, quota)) {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(api.body(response).get("type").asText()).isEqualTo("https://billkit.io/problems/billing-disabled");
        }
    }

    @Test
    void every_real_billing_route_answers_503_while_operator_routes_still_work() {
        String key = api.apiKey("key_disabled_real", Optional.empty(), false);
        java.util.List<HttpResponse<String>> gated = java.util.List.of(
                api.get("/api/v1/billing/usage/current", api.member()),
                api.get("/api/v1/billing/invoices", api.member()),
                api.get("/api/v1/billing/plans", api.member()),
                api.post("/api/v1/billing/credits/consume", "{}", api.member()),
                api.post("/api/v1/billing/reconcile", "{}", api.admin()),
                api.post("/api/v1/usage/events", "{\"events\":[]}", "X-Api-Key", key),
                api.post("/api/v1/quota/check", "{}", "X-Api-Key", key),
                api.post("/api/v1/webhooks/stripe", "{}"),
                api.post("/api/v1/admin/periods/close", "", api.admin()),
                api.post("/api/v1/admin/subscriptions", "{}", api.admin()));

        assertThat(gated).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(api.body(r).get("type").asText()).isEqualTo("https://billkit.io/problems/billing-disabled");
        });
        assertThat(api.post("/api/v1/admin/customers", "{\"id\":\"prep\",\"name\":\"Prepared\"}", api.admin())
                .statusCode()).isEqualTo(200);
        assertThat(api.post("/api/v1/admin/api-keys", "{\"scope\":\"service\"}", api.admin()).statusCode()).isEqualTo(201);
    }

    @Test
    void meta_and_admin_routes_still_answer_and_features_report_billing_off() {
        HttpResponse<String> features = api.get("/api/v1/meta/features");

        assertThat(features.statusCode()).isEqualTo(200);
        assertThat(api.body(features).get("billingEnabled").asBoolean()).isFalse();
        assertThat(api.body(features).get("transparencyEnabled").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/admin/probe", "Authorization", "Bearer " + api.adminToken()).statusCode())
                .isEqualTo(200);
    }
}
