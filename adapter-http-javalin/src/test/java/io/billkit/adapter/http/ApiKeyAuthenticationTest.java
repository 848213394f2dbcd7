package io.billkit.adapter.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyAuthenticationTest {
    private static TestServer api;

    @BeforeAll
    static void start() {
        api = TestServer.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void a_valid_key_in_x_api_key_passes() {
        String key = api.apiKey("key_service", Optional.empty(), false);

        HttpResponse<String> response = api.post("/api/v1/usage/probe/acme", "{}", "X-Api-Key", key);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.body(response).get("keyId").asText()).isEqualTo("key_service");
    }

    @Test
    void a_valid_key_in_the_authorization_header_passes() {
        String key = api.apiKey("key_auth_header", Optional.empty(), false);

        assertThat(api.post("/api/v1/usage/probe/acme", "{}", "Authorization", "ApiKey " + key).statusCode())
                .isEqualTo(200);
    }

    @Test
    void a_revoked_key_is_401() {
        String key = api.apiKey("key_revoked", Optional.empty(), true);

        HttpResponse<String> response = api.post("/api/v1/usage/probe/acme", "{}", "X-Api-Key", key);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(api.body(response).get("detail").asText()).contains("revoked");
    }

    @Test
    void an_unknown_key_is_401() {
        HttpResponse<String> response = api.post("/api/v1/usage/probe/acme", "{}", "X-Api-Key", ApiKeys.newClearKey());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(api.body(response).get("detail").asText()).contains("unknown API key");
    }

    @Test
    void a_missing_key_is_401_even_with_a_session_token() {
        HttpResponse<String> response = api.post("/api/v1/usage/probe/acme", "{}", "Authorization", "Bearer " + api.adminToken());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void a_key_scoped_to_a_customer_acts_only_for_that_customer() {
        String key = api.apiKey("key_acme", Optional.of(TestServer.ACME), false);

        assertThat(api.post("/api/v1/usage/probe/acme", "{}", "X-Api-Key", key).statusCode()).isEqualTo(200);
        HttpResponse<String> other = api.post("/api/v1/usage/probe/globex", "{}", "X-Api-Key", key);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(api.body(other).get("detail").asText()).contains("may act only for customer 'acme'");
    }
}
