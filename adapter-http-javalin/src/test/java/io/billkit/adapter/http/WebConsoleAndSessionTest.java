package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's static files, the browser sign-in route and the admin customer list on a real server. */
class WebConsoleAndSessionTest {
    private static TestServer api;

    @BeforeAll
    static void start() {
        api = TestServer.start();
        api.subscribe(TestServer.ACME, "scale");
        api.customer(TestServer.GLOBEX);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String cookieValue(List<String> setCookies, String name) {
        return setCookies.stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).orElseThrow();
    }

    private static String setCookie(List<String> setCookies, String name) {
        return setCookies.stream().filter(c -> c.startsWith(name + "=")).findFirst().orElseThrow();
    }

    @Test
    void the_console_is_served_from_the_classpath_with_a_strict_content_security_policy() {
        HttpResponse<String> index = api.get("/console/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(index.body()).contains("<script src=\"console.js\" defer></script>").doesNotContain("<script>");
        assertThat(index.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'"));
        assertThat(index.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(api.get("/console/console.js").body()).contains("'use strict'");
        assertThat(api.get("/console/console.css").statusCode()).isEqualTo(200);
        HttpResponse<String> bare = api.get("/console");
        assertThat(bare.statusCode()).isBetween(301, 308);
        assertThat(bare.headers().firstValue("Location")).contains("/console/");
    }

    @Test
    void sign_in_sets_the_token_as_an_httponly_strict_cookie_and_a_readable_csrf_cookie() {
        String token = api.memberToken();
        HttpResponse<String> response = api.post("/api/v1/session", "{\"token\":\"" + token + "\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = api.body(response);
        assertThat(body.get("subject").asText()).isEqualTo("alice");
        assertThat(body.get("customerId").asText()).isEqualTo("acme");
        assertThat(body.get("role").asText()).isEqualTo("member");
        assertThat(body.get("csrf").get("cookie").asText()).isEqualTo(SessionTokens.CSRF_COOKIE);
        assertThat(body.get("csrf").get("header").asText()).isEqualTo(SessionTokens.CSRF_HEADER);
        assertThat(response.body()).doesNotContain(token);
        List<String> cookies = response.headers().allValues("Set-Cookie");
        assertThat(setCookie(cookies, SessionTokens.SESSION_COOKIE)).contains("HttpOnly", "SameSite=Strict", "Path=/api")
                .doesNotContain("Secure");
        assertThat(cookieValue(cookies, SessionTokens.SESSION_COOKIE)).isEqualTo(token);
        assertThat(setCookie(cookies, SessionTokens.CSRF_COOKIE)).contains("SameSite=Strict", "Path=/")
                .doesNotContain("HttpOnly");
        String csrf = cookieValue(cookies, SessionTokens.CSRF_COOKIE);
        assertThat(csrf).hasSizeGreaterThanOrEqualTo(40);

        String cookieHeader = SessionTokens.SESSION_COOKIE + "=" + token + "; " + SessionTokens.CSRF_COOKIE + "=" + csrf;
        HttpResponse<String> me = api.get("/api/v1/session", "Cookie", cookieHeader);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(api.body(me).get("subject").asText()).isEqualTo("alice");
        assertThat(api.post("/api/v1/billing/subscription/resume", "", "Cookie", cookieHeader).statusCode())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/billing/subscription/cancel", "{\"atPeriodEnd\":true}", "Cookie", cookieHeader,
                SessionTokens.CSRF_HEADER, csrf).statusCode()).isEqualTo(200);
    }

    @Test
    void two_sessions_get_different_csrf_tokens_and_https_cookies_are_secure() {
        String body = "{\"token\":\"" + api.memberToken() + "\"}";
        String otherSession = "{\"token\":\"" + api.token("bob", TestServer.ACME, Role.MEMBER) + "\"}";
        List<String> first = api.post("/api/v1/session", body).headers().allValues("Set-Cookie");
        List<String> second = api.post("/api/v1/session", otherSession, "X-Forwarded-Proto", "https").headers()
                .allValues("Set-Cookie");
        assertThat(cookieValue(first, SessionTokens.CSRF_COOKIE)).isNotEqualTo(cookieValue(second, SessionTokens.CSRF_COOKIE));
        assertThat(setCookie(second, SessionTokens.SESSION_COOKIE)).contains("Secure");
        assertThat(setCookie(second, SessionTokens.CSRF_COOKIE)).contains("Secure");
    }

    @Test
    void a_bad_token_a_form_body_or_a_foreign_origin_sets_no_cookie() {
        HttpResponse<String> bad = api.post("/api/v1/session", "{\"token\":\"eyJhbGciOiJIUzI1NiJ9.e30.bad\"}");
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.headers().allValues("Set-Cookie")).isEmpty();

        HttpResponse<String> missing = api.post("/api/v1/session", "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(api.body(missing).get("field").asText()).isEqualTo("token");

        HttpResponse<String> form = api.send(api.request("/api/v1/session")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + api.memberToken() + "\"}")));
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(form.headers().allValues("Set-Cookie")).isEmpty();

        HttpResponse<String> foreign = api.post("/api/v1/session", "{\"token\":\"" + api.memberToken() + "\"}",
                "Origin", "https://evil.example");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().allValues("Set-Cookie")).isEmpty();
        HttpResponse<String> same = api.post("/api/v1/session", "{\"token\":\"" + api.memberToken() + "\"}",
                "Origin", "http://127.0.0.1:" + api.server.port());
        assertThat(same.statusCode()).isEqualTo(200);
    }

    @Test
    void sign_out_clears_both_cookies_even_without_a_session() {
        HttpResponse<String> out = api.send(api.request("/api/v1/session").DELETE());
        assertThat(out.statusCode()).isEqualTo(204);
        List<String> cookies = out.headers().allValues("Set-Cookie");
        assertThat(setCookie(cookies, SessionTokens.SESSION_COOKIE)).contains("Max-Age=0", "Path=/api", "HttpOnly");
        assertThat(setCookie(cookies, SessionTokens.CSRF_COOKIE)).contains("Max-Age=0", "Path=/");
        assertThat(api.get("/api/v1/session").statusCode()).isEqualTo(401);
    }

    @Test
    void admins_list_customers_with_their_plan_and_status_and_members_may_not() {
        HttpResponse<String> response = api.get("/api/v1/admin/customers?limit=10", api.admin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = api.body(response);
        assertThat(body.get("total").asLong()).isGreaterThanOrEqualTo(2);
        JsonNode acme = null;
        JsonNode globex = null;
        for (JsonNode item : body.get("items")) {
            if (item.get("id").asText().equals("acme")) acme = item;
            if (item.get("id").asText().equals("globex")) globex = item;
        }
        assertThat(acme).isNotNull();
        assertThat(acme.get("subscription").get("plan").asText()).isEqualTo("scale");
        assertThat(acme.get("subscription").get("status").asText()).isIn("ACTIVE", "TRIALING");
        assertThat(globex).isNotNull();
        assertThat(globex.has("subscription")).isFalse();
        assertThat(api.get("/api/v1/admin/customers", api.member()).statusCode()).isEqualTo(403);
        HttpResponse<String> badLimit = api.get("/api/v1/admin/customers?limit=0", api.admin());
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(api.body(badLimit).get("field").asText()).isEqualTo("limit");
    }

    @Test
    void webhook_endpoints_are_listed_with_their_delivery_state() {
        api.services.registerWebhookEndpoint().register(new io.billkit.application.port.in.webhook
                .RegisterWebhookEndpointCommand(Optional.of(CustomerId.of("acme")), "http://127.0.0.1:9/x",
                List.of(), io.billkit.application.port.in.Actor.system()));
        JsonNode endpoints = api.body(api.get("/api/v1/admin/webhook-endpoints?customerId=acme", api.admin()))
                .get("endpoints");
        assertThat(endpoints).isNotEmpty();
        JsonNode deliveries = endpoints.get(0).get("deliveries");
        assertThat(deliveries.get("pending").asLong()).isZero();
        assertThat(deliveries.get("delivered").asLong()).isZero();
        assertThat(deliveries.get("dead").asLong()).isZero();
    }
}
