package io.billkit.adapter.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class CsrfTest {
    private static final String CHARGE =
            "{\"customer\":\"acme\",\"amount\":{\"amount\":\"1250.00\",\"currency\":\"USD\"},\"quantity\":\"3\"}";
    private static TestServer api;

    @BeforeAll
    static void start() {
        api = TestServer.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String cookies(String csrf) {
        return "billkit_session=" + api.memberToken() + (csrf == null ? "" : "; billkit_csrf=" + csrf);
    }

    @Test
    void cookie_post_without_the_csrf_header_is_403() {
        HttpResponse<String> response = api.post("/api/v1/billing/probe", CHARGE, "Cookie", cookies("tok-123"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(api.body(response).get("type").asText()).isEqualTo("https://billkit.io/problems/csrf-token-invalid");
    }

    @Test
    void cookie_post_without_the_csrf_cookie_is_403() {
        HttpResponse<String> response = api.post("/api/v1/billing/probe", CHARGE, "Cookie", cookies(null),
                "X-CSRF-Token", "tok-123");

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void cookie_post_with_a_mismatched_csrf_header_is_403() {
        HttpResponse<String> response = api.post("/api/v1/billing/probe", CHARGE, "Cookie", cookies("tok-123"),
                "X-CSRF-Token", "tok-124");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(api.body(response).get("detail").asText()).contains("does not match");
    }

    @Test
    void cookie_post_with_the_matching_csrf_header_passes() {
        HttpResponse<String> response = api.post("/api/v1/billing/probe", CHARGE, "Cookie", cookies("tok-123"),
                "X-CSRF-Token", "tok-123");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void bearer_post_needs_no_csrf_token() {
        HttpResponse<String> response = api.post("/api/v1/billing/probe", CHARGE, "Authorization", "Bearer " + api.memberToken());

        assertThat(response.statusCode()).isEqualTo(200);
    }
}
