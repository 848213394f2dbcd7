package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Subscription routes and the apex plan catalog, over the real use cases and the mock payment provider. */
class SubscriptionRoutesTest {
    private static final String URLS = "\"successUrl\":\"https://app.example.com/ok\",\"cancelUrl\":\"https://app.example.com/back\"";
    private static TestServer api;

    @BeforeAll
    static void start() {
        api = TestServer.builder().clock("2026-03-10T12:00:00Z").start();
        api.subscribe(TestServer.ACME, "growth");
        api.subscribe(CustomerId.of("initech"), "growth");
        api.subscribe(CustomerId.of("hooli"), "growth");
        api.subscribe(CustomerId.of("umbrella"), "scale");
        api.customer(TestServer.GLOBEX);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String[] memberOf(String customer) {
        return new String[] {"Authorization", "Bearer " + api.token("user-" + customer, CustomerId.of(customer), Role.MEMBER)};
    }

    @Test
    void the_subscription_of_the_members_customer_and_404_without_one() {
        HttpResponse<String> acme = api.get("/api/v1/billing/subscription", api.member());
        HttpResponse<String> none = api.get("/api/v1/billing/subscription", memberOf("globex"));

        assertThat(acme.statusCode()).isEqualTo(200);
        JsonNode subscription = api.body(acme);
        assertThat(subscription.get("plan").asText()).isEqualTo("growth");
        assertThat(subscription.get("planName").asText()).isEqualTo("Growth");
        assertThat(subscription.get("status").asText()).isEqualTo("TRIALING");
        assertThat(subscription.get("trialEnd").asText()).isEqualTo("2026-03-24T12:00:00Z");
        assertThat(none.statusCode()).isEqualTo(404);
    }

    @Test
    void checkout_and_portal_answer_the_providers_urls() {
        HttpResponse<String> checkout = api.post("/api/v1/billing/subscription/checkout",
                "{\"plan\":\"scale\"," + URLS + "}", memberOf("globex"));
        HttpResponse<String> alreadySubscribed = api.post("/api/v1/billing/subscription/checkout",
                "{\"plan\":\"scale\"," + URLS + "}", api.member());
        HttpResponse<String> portal = api.post("/api/v1/billing/subscription/portal",
                "{\"returnUrl\":\"https://app.example.com/billing\"}", api.member());

        assertThat(checkout.statusCode()).isEqualTo(200);
        assertThat(api.body(checkout).get("sessionId").asText()).isNotBlank();
        assertThat(api.body(checkout).get("url").asText()).startsWith("http");
        assertThat(alreadySubscribed.statusCode()).isEqualTo(409);
        assertThat(portal.statusCode()).isEqualTo(200);
        assertThat(api.body(portal).get("url").asText()).startsWith("http");
    }

    @Test
    void bad_input_names_the_field() {
        HttpResponse<String> unknownPlan = api.post("/api/v1/billing/subscription/checkout",
                "{\"plan\":\"platinum\"," + URLS + "}", api.member());
        HttpResponse<String> badUrl = api.post("/api/v1/billing/subscription/checkout",
                "{\"plan\":\"scale\",\"successUrl\":\"/relative\",\"cancelUrl\":\"https://x.example\"}", api.member());
        HttpResponse<String> noReturn = api.post("/api/v1/billing/subscription/portal", "{}", api.member());
        HttpResponse<String> badFlag = api.post("/api/v1/billing/subscription/cancel",
                "{\"atPeriodEnd\":\"maybe\"}", api.member());
        HttpResponse<String> unknownField = api.post("/api/v1/billing/subscription/change",
                "{\"plan\":\"scale\",\"when\":\"now\"}", api.member());

        assertThat(unknownPlan.statusCode()).isEqualTo(400);
        assertThat(api.body(unknownPlan).get("field").asText()).isEqualTo("plan");
        assertThat(api.body(unknownPlan).get("type").asText()).endsWith("/unknown-plan");
        assertThat(api.body(badUrl).get("field").asText()).isEqualTo("successUrl");
        assertThat(api.body(noReturn).get("field").asText()).isEqualTo("returnUrl");
        assertThat(api.body(badFlag).get("field").asText()).isEqualTo("atPeriodEnd");
        assertThat(api.body(unknownField).get("field").asText()).isEqualTo("when");
    }

    @Test
    void an_upgrade_applies_now_and_a_downgrade_at_the_period_end() {
        HttpResponse<String> up = api.post("/api/v1/billing/subscription/change", "{\"plan\":\"scale\"}",
                memberOf("initech"));
        HttpResponse<String> down = api.post("/api/v1/billing/subscription/change", "{\"plan\":\"starter\"}",
                memberOf("hooli"));

        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        assertThat(api.body(up).get("timing").asText()).isEqualTo("IMMEDIATE");
        assertThat(api.body(up).get("subscription").get("plan").asText()).isEqualTo("scale");
        assertThat(down.statusCode()).as(down.body()).isEqualTo(200);
        assertThat(api.body(down).get("timing").asText()).isEqualTo("AT_PERIOD_END");
        assertThat(api.body(down).get("subscription").get("pendingPlan").asText()).isEqualTo("starter");
    }

    @Test
    void cancel_at_period_end_then_resume() {
        HttpResponse<String> cancelled = api.post("/api/v1/billing/subscription/cancel", "", api.member());
        HttpResponse<String> resumed = api.post("/api/v1/billing/subscription/resume", "", api.member());

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(api.body(cancelled).get("cancelAtPeriodEnd").asBoolean()).isTrue();
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        assertThat(api.body(resumed).get("cancelAtPeriodEnd").asBoolean()).isFalse();
    }

    @Test
    void cancel_now_ends_the_subscription_and_a_second_resume_is_a_conflict() {
        HttpResponse<String> now = api.post("/api/v1/billing/subscription/cancel", "{\"atPeriodEnd\":false}",
                memberOf("umbrella"));
        HttpResponse<String> resume = api.post("/api/v1/billing/subscription/resume", "", memberOf("umbrella"));

        assertThat(now.statusCode()).as(now.body()).isEqualTo(200);
        assertThat(api.body(now).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(resume.statusCode()).isIn(404, 409);
    }

    @Test
    void subscription_writes_need_a_session() {
        assertThat(api.post("/api/v1/billing/subscription/cancel", "").statusCode()).isEqualTo(401);
        assertThat(api.post("/api/v1/billing/subscription/checkout", "{}").statusCode()).isEqualTo(401);
    }

    @Test
    void plans_list_prices_allowances_and_entitlements() {
        HttpResponse<String> response = api.get("/api/v1/billing/plans", api.member());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode plans = api.body(response).get("plans");
        assertThat(plans.findValuesAsText("code")).containsExactly("starter", "growth", "scale", "enterprise");
        JsonNode starter = plans.get(0);
        assertThat(starter.get("basePrice").toString()).isEqualTo("{\"amount\":\"99.00\",\"currency\":\"USD\"}");
        assertThat(starter.get("trialDays").asInt()).isEqualTo(14);
        assertThat(starter.get("entitlements").get("unlimitedSeats").asBoolean()).isTrue();
        assertThat(starter.get("entitlements").get("flags").get(0).asText()).isEqualTo("reporting");
        JsonNode apiCalls = starter.get("meters").get(1);
        assertThat(apiCalls.get("meter").asText()).isEqualTo("api_calls");
        assertThat(apiCalls.get("allowance").get("included").asText()).isEqualTo("100000");
        assertThat(apiCalls.get("allowance").get("mode").asText()).isEqualTo("SOFT");
        assertThat(apiCalls.get("overagePrice").get("type").asText()).isEqualTo("PACKAGE");
        assertThat(apiCalls.get("overagePrice").get("packageSize").asText()).isEqualTo("1000");
        assertThat(apiCalls.get("overagePrice").get("unitPrice").get("amount").asText()).isEqualTo("0.10");
    }
}
