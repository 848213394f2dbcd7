package io.billkit.adapter.http;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SessionAuthenticationTest {
    private static TestServer api;

    @BeforeAll
    static void start() {
        api = TestServer.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static void assertUnauthenticated(HttpResponse<String> response, String detailFragment) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = api.body(response);
        assertThat(problem.get("type").asText()).isEqualTo("https://billkit.io/problems/unauthenticated");
        assertThat(problem.get("detail").asText()).contains(detailFragment);
    }

    @Test
    void member_route_without_a_token_is_401() {
        assertUnauthenticated(api.get("/api/v1/billing/probe"), "session token is required");
    }

    @Test
    void token_signed_with_another_secret_is_401() {
        Instant now = Instant.now();
        String forged = SessionTokens.issueHs256("another-secret-0123456789-0123456789-xyz", Optional.empty(), "mallory",
                TestServer.ACME, Role.ADMIN, now, now.plusSeconds(600));

        assertUnauthenticated(api.get("/api/v1/billing/probe", "Authorization", "Bearer " + forged), "invalid");
    }

    @Test
    void garbage_token_is_401() {
        assertUnauthenticated(api.get("/api/v1/billing/probe", "Authorization", "Bearer not.a.jwt"), "invalid");
    }

    @Test
    void expired_token_is_401() {
        Instant issued = Instant.now().minus(Duration.ofHours(2));
        String expired = SessionTokens.issueHs256(TestServer.SECRET, Optional.empty(), "alice", TestServer.ACME,
                Role.MEMBER, issued, issued.plus(Duration.ofHours(1)));

        assertUnauthenticated(api.get("/api/v1/billing/probe", "Authorization", "Bearer " + expired), "expired");
    }

    @Test
    void token_without_a_role_claim_is_401() {
        String noRole = JWT.create().withSubject("alice").withClaim("customer", "acme")
                .withExpiresAt(Instant.now().plusSeconds(600)).sign(Algorithm.HMAC256(TestServer.SECRET));

        assertUnauthenticated(api.get("/api/v1/billing/probe", "Authorization", "Bearer " + noRole), "role");
    }

    @Test
    void token_with_an_unknown_role_is_401() {
        String owner = JWT.create().withSubject("alice").withClaim("customer", "acme").withClaim("role", "owner")
                .withExpiresAt(Instant.now().plusSeconds(600)).sign(Algorithm.HMAC256(TestServer.SECRET));

        assertUnauthenticated(api.get("/api/v1/billing/probe", "Authorization", "Bearer " + owner), "'member' or 'admin'");
    }

    @Test
    void valid_bearer_token_puts_the_user_on_the_request() {
        HttpResponse<String> response = api.get("/api/v1/billing/probe", "Authorization", "Bearer " + api.memberToken());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = api.body(response);
        assertThat(body.get("subject").asText()).isEqualTo("alice");
        assertThat(body.get("customer").asText()).isEqualTo("acme");
        assertThat(body.get("credential").asText()).isEqualTo("BEARER");
    }

    @Test
    void session_cookie_authenticates_a_read() {
        HttpResponse<String> response = api.get("/api/v1/billing/probe", "Cookie", "billkit_session=" + api.memberToken());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.body(response).get("credential").asText()).isEqualTo("COOKIE");
    }

    @Test
    void member_on_an_admin_route_is_403_and_an_admin_passes() {
        HttpResponse<String> member = api.get("/api/v1/admin/probe", "Authorization", "Bearer " + api.memberToken());
        HttpResponse<String> admin = api.get("/api/v1/admin/probe", "Authorization", "Bearer " + api.adminToken());

        assertThat(member.statusCode()).isEqualTo(403);
        assertThat(api.body(member).get("type").asText()).isEqualTo("https://billkit.io/problems/forbidden");
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(api.body(admin).get("subject").asText()).isEqualTo("root");
    }

    @Test
    void member_may_not_act_for_another_customer_but_an_admin_may() {
        String otherCustomer = "{\"customer\":\"globex\",\"amount\":{\"amount\":\"10.00\",\"currency\":\"USD\"},\"quantity\":\"1\"}";

        HttpResponse<String> member = api.post("/api/v1/billing/probe", otherCustomer, "Authorization", "Bearer " + api.memberToken());
        HttpResponse<String> admin = api.post("/api/v1/billing/probe", otherCustomer, "Authorization", "Bearer " + api.adminToken());

        assertThat(member.statusCode()).isEqualTo(403);
        assertThat(admin.statusCode()).isEqualTo(200);
    }

    @Test
    void rs256_tokens_verify_against_the_configured_public_key_and_issuer() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        HttpConfig base = TestServer.config();
        HttpConfig rsaConfig = new HttpConfig(base.host(), 0, base.maxRequestBytes(), base.features(), base.info(),
                HttpConfig.JwtSettings.rs256(pem, Optional.of("https://id.example.com")), base.rateLimits());
        Algorithm rs256 = Algorithm.RSA256((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
        String good = JWT.create().withIssuer("https://id.example.com").withSubject("carol").withClaim("customer", "acme")
                .withClaim("role", "admin").withExpiresAt(Instant.now().plusSeconds(600)).sign(rs256);
        String wrongIssuer = JWT.create().withIssuer("https://evil.example.com").withSubject("carol")
                .withClaim("customer", "acme").withClaim("role", "admin")
                .withExpiresAt(Instant.now().plusSeconds(600)).sign(rs256);
        String hmac = api.adminToken();

        try (TestServer rsa = TestServer.start(rsaConfig)) {
            assertThat(rsa.get("/api/v1/admin/probe", "Authorization", "Bearer " + good).statusCode()).isEqualTo(200);
            assertThat(rsa.get("/api/v1/admin/probe", "Authorization", "Bearer " + wrongIssuer).statusCode()).isEqualTo(401);
            assertThat(rsa.get("/api/v1/admin/probe", "Authorization", "Bearer " + hmac).statusCode()).isEqualTo(401);
        }
    }
}
