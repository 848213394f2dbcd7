package io.billkit.adapter.http;

import io.billkit.domain.subscription.SubscriptionId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/webhooks/stripe} with a signing verifier and the real provider-event use case. */
class WebhookRoutesTest {
    private static final String SECRET = "whsec_http_test";
    private static TestServer api;
    private static String providerSubscription;
    private static long now;

    @BeforeAll
    static void start() {
        api = TestServer.builder().clock("2026-03-10T12:00:00Z").webhookVerifier(new HmacTestVerifier(SECRET)).start();
        api.subscribe(TestServer.ACME, "scale");
        SubscriptionId local = api.services.subscription().current(TestServer.ACME).orElseThrow().id();
        providerSubscription = api.ports.providerReferences().providerId("subscription", local.value()).orElseThrow();
        now = Instant.parse("2026-03-10T12:00:00Z").getEpochSecond();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String subscriptionUpdated(String eventId, long created, boolean cancelAtPeriodEnd) {
        return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"type\":\"customer.subscription.updated\",\"created\":"
                + created + ",\"data\":{\"object\":{\"id\":\"" + providerSubscription
                + "\",\"object\":\"subscription\",\"status\":\"active\",\"cancel_at_period_end\":\"" + cancelAtPeriodEnd
                + "\"}}}";
    }

    private static HttpResponse<String> deliver(String body, String signature) {
        return api.post("/api/v1/webhooks/stripe", body, "Stripe-Signature", signature);
    }

    private static HttpResponse<String> deliver(String body) {
        return deliver(body, HmacTestVerifier.sign(SECRET, now, body));
    }

    @Test
    void a_signed_event_is_applied_once_and_its_redelivery_is_a_duplicate() {
        String event = subscriptionUpdated("evt_cancel_1", now + 10, true);

        HttpResponse<String> first = deliver(event);
        HttpResponse<String> again = deliver(event);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(api.body(first).get("result").asText()).isEqualTo("APPLIED");
        assertThat(api.services.subscription().current(TestServer.ACME).orElseThrow().cancelAtPeriodEnd()).isTrue();
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(api.body(again).get("result").asText()).isEqualTo("DUPLICATE");
        assertThat(api.metrics.scrape()).contains("billkit_webhooks_handled_total{outcome=\"duplicate\"} 1");

        HttpResponse<String> older = deliver(subscriptionUpdated("evt_cancel_0", now - 100, false));
        assertThat(api.body(older).get("result").asText()).isEqualTo("STALE");
        assertThat(api.services.subscription().current(TestServer.ACME).orElseThrow().cancelAtPeriodEnd()).isTrue();
    }

    @Test
    void an_event_type_billkit_does_not_act_on_is_ignored() {
        String body = "{\"id\":\"evt_other\",\"object\":\"event\",\"type\":\"product.created\",\"created\":" + now
                + ",\"data\":{\"object\":{\"id\":\"prod_1\",\"object\":\"product\"}}}";

        HttpResponse<String> response = deliver(body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.body(response).get("result").asText()).isEqualTo("IGNORED");
    }

    @Test
    void a_tampered_body_is_400_and_writes_nothing() {
        String original = subscriptionUpdated("evt_tampered", now + 20, false);
        String signature = HmacTestVerifier.sign(SECRET, now, original);
        int auditBefore = api.ports.auditLog().recent(Optional.empty(), 1000).size();

        HttpResponse<String> tampered = deliver(original.replace("\"active\"", "\"canceled\""), signature);

        assertThat(tampered.statusCode()).isEqualTo(400);
        assertThat(api.body(tampered).get("type").asText()).isEqualTo("https://billkit.io/problems/webhook-signature-invalid");
        assertThat(api.ports.auditLog().recent(Optional.empty(), 1000)).hasSize(auditBefore);
        assertThat(api.services.subscription().current(TestServer.ACME).orElseThrow().status().name())
                .isNotEqualTo("CANCELLED");
        // the event id was not consumed: the genuine delivery is still handled
        assertThat(api.body(deliver(original)).get("result").asText()).isNotEqualTo("DUPLICATE");
    }

    @Test
    void a_missing_signature_is_400() {
        HttpResponse<String> response = api.post("/api/v1/webhooks/stripe", subscriptionUpdated("evt_unsigned", now, true));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(api.body(response).get("field").asText()).isEqualTo("Stripe-Signature");
    }

    @Test
    void without_a_verifier_the_route_answers_503_not_configured() {
        try (TestServer unconfigured = TestServer.start()) {
            HttpResponse<String> response = unconfigured.post("/api/v1/webhooks/stripe", "{}", "Stripe-Signature", "t=1,v1=00");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(unconfigured.body(response).get("type").asText())
                    .isEqualTo("https://billkit.io/problems/webhooks-not-configured");
            assertThat(unconfigured.body(response).get("detail").asText()).contains("webhooks not configured");
        }
    }

    @Test
    void a_body_that_is_not_utf8_is_a_400_and_writes_nothing() {
        String original = subscriptionUpdated("evt_bytes", now + 30, true);
        byte[] text = original.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(text, text.length + 2);
        bytes[text.length - 1] = (byte) 0xC0; // overlong '/' in place of the closing brace, then the brace again
        bytes[text.length] = (byte) 0xAF;
        bytes[text.length + 1] = '}';
        int auditBefore = api.ports.auditLog().recent(Optional.empty(), 1000).size();
        boolean cancelBefore = api.services.subscription().current(TestServer.ACME).orElseThrow().cancelAtPeriodEnd();

        HttpResponse<String> response = api.send(api.request("/api/v1/webhooks/stripe")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", HmacTestVerifier.sign(SECRET, now, original)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(api.body(response).get("type").asText()).isEqualTo("https://billkit.io/problems/invalid-encoding");
        assertThat(api.ports.auditLog().recent(Optional.empty(), 1000)).hasSize(auditBefore);
        assertThat(api.services.subscription().current(TestServer.ACME).orElseThrow().cancelAtPeriodEnd())
                .as("evt_bytes was not applied").isEqualTo(cancelBefore);
    }
}
