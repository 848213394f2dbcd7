package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSRF token is bound to the session (HMAC of the session token with the server's key): the header must
 * equal the cookie and be the token of the session the request carries, so a cookie planted from a sibling
 * subdomain, or another session's token, does not pass, and nothing is written.
 */
class CsrfTest {
    private static final String CHARGE =
            "{\"customer\":\"acme\",\"amount\":{\"amount\":\"1250.00\",\"currency\":\"USD\"},\"quantity\":\"3\"}";
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

    /** Signs {@code token} in and returns the CSRF cookie the server set for it. */
    private static String signIn(String token) {
        HttpResponse<String> response = api.post("/api/v1/session", "{\"token\":\"" + token + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> cookies = response.headers().allValues("Set-Cookie");
        String csrf = cookies.stream().filter(c -> c.startsWith(SessionTokens.CSRF_COOKIE + "=")).findFirst().orElseThrow();
        return csrf.substring(SessionTokens.CSRF_COOKIE.length() + 1, csrf.indexOf(';'));
    }

    private static String cookies(String session, String csrf) {
        return "billkit_session=" + session + (csrf == null ? "" : "; billkit_csrf=" + csrf);
    }

    private static void assertCsrfRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(api.body(response).get("type").asText()).isEqualTo("https://billkit.io/problems/csrf-token-invalid");
    }

    @Test
    void cookie_post_without_the_csrf_header_is_403() {
        String session = api.memberToken();
        assertCsrfRefused(api.post("/api/v1/billing/probe", CHARGE, "Cookie", cookies(session, signIn(session))));
    }

    @Test
    void cookie_post_without_the_csrf_cookie_is_403() {
        String session = api.memberToken();
        assertCsrfRefused(api.post("/api/v1/billing/probe", CHARGE, "Cookie", cookies(session, null),
                "X-CSRF-Token", signIn(session)));
    }

    @Test
    void cookie_post_with_a_mismatched_csrf_header_is_403() {
        String session = api.memberToken();
        HttpResponse<String> response = api.post("/api/v1/billing/probe", CHARGE, "Cookie",
                cookies(session, signIn(session)), "X-CSRF-Token", "tok-124");

        assertCsrfRefused(response);
        assertThat(api.body(response).get("detail").asText()).contains("does not match");
    }

    @Test
    void a_planted_cookie_equal_to_the_header_is_403_and_nothing_is_written() {
        String session = api.memberToken();

        HttpResponse<String> response = api.post("/api/v1/billing/subscription/cancel", "{\"atPeriodEnd\":false}",
                "Cookie", cookies(session, "planted-by-evil.example.com"), "X-CSRF-Token", "planted-by-evil.example.com");

        assertCsrfRefused(response);
        assertThat(api.body(response).get("detail").asText()).contains("not the CSRF token of this session");
        JsonNode subscription = api.body(api.get("/api/v1/billing/subscription", api.member()));
        assertThat(subscription.toString()).doesNotContain("CANCELLED");
    }

    @Test
    void another_sessions_csrf_token_does_not_pass() {
        String alice = api.memberToken();
        String bobsToken = signIn(api.token("bob", TestServer.ACME, Role.MEMBER));

        assertCsrfRefused(api.post("/api/v1/billing/probe", CHARGE, "Cookie", cookies(alice, bobsToken),
                "X-CSRF-Token", bobsToken));
    }

    @Test
    void cookie_post_with_the_sessions_csrf_token_passes() {
        String session = api.memberToken();
        String csrf = signIn(session);

        HttpResponse<String> response = api.post("/api/v1/billing/probe", CHARGE, "Cookie", cookies(session, csrf),
                "X-CSRF-Token", csrf);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void bearer_post_needs_no_csrf_token() {
        HttpResponse<String> response = api.post("/api/v1/billing/probe", CHARGE, "Authorization", "Bearer " + api.memberToken());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void tokens_from_a_configured_csrf_secret_hold_across_servers_with_the_same_secret() {
        HttpConfig base = TestServer.config();
        HttpConfig.Browser browser = new HttpConfig.Browser(Optional.of("csrf-secret-0123456789-0123456789-abc"), true);
        HttpConfig config = new HttpConfig(base.host(), 0, base.maxRequestBytes(), base.features(), base.info(),
                base.jwt(), base.rateLimits(), browser);
        try (TestServer one = TestServer.builder().config(config).start();
             TestServer two = TestServer.builder().config(config).start()) {
            String session = one.token("carol", TestServer.ACME, Role.MEMBER);
            HttpResponse<String> signIn = one.post("/api/v1/session", "{\"token\":\"" + session + "\"}");
            List<String> setCookies = signIn.headers().allValues("Set-Cookie");
            assertThat(setCookies).allSatisfy(c -> assertThat(c).contains("Secure", "SameSite=Strict"));
            String csrf = setCookies.stream().filter(c -> c.startsWith(SessionTokens.CSRF_COOKIE + "=")).findFirst()
                    .map(c -> c.substring(SessionTokens.CSRF_COOKIE.length() + 1, c.indexOf(';'))).orElseThrow();

            HttpResponse<String> onTheOther = two.post("/api/v1/billing/probe", CHARGE, "Cookie", cookies(session, csrf),
                    "X-CSRF-Token", csrf);

            assertThat(onTheOther.statusCode()).as(onTheOther.body()).isEqualTo(200);
        }
    }
}
