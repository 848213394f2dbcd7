package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.billkit.application.port.in.webhook.WebhookRunResult;
import io.billkit.application.port.out.OutboxEvent;
import io.billkit.application.port.out.WebhookDelivery;
import io.billkit.application.port.out.WebhookDeliveryStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outbound webhooks end to end: endpoints registered through the admin API, outbox events sent by the real
 * {@link HttpWebhookSender} to a local JDK HTTP server that checks the Standard Webhooks {@code webhook-signature} itself.
 */
class OutboundWebhooksTest {
    private TestServer api;
    private Receiver receiver;

    @BeforeEach
    void start() throws IOException {
        receiver = new Receiver();
        api = TestServer.builder().webhookSender(new HttpWebhookSender()).start();
        api.customer(TestServer.ACME);
    }

    @AfterEach
    void stop() {
        api.close();
        receiver.close();
    }

    /** A receiver that verifies the signature with the endpoint's secret and answers scripted status codes. */
    static final class Receiver implements AutoCloseable {
        record Received(String body, Map<String, List<String>> headers, boolean signatureValid) {
            String header(String name) {
                return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                        .map(e -> e.getValue().get(0)).findFirst().orElse(null);
            }
        }

        final HttpServer server;
        final List<Received> received = new CopyOnWriteArrayList<>();
        final Deque<Integer> answers = new ArrayDeque<>();
        volatile String secret = "";

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        private void handle(HttpExchange exchange) throws IOException {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            var h = exchange.getRequestHeaders();
            received.add(new Received(body, Map.copyOf(h), verify(h.getFirst("webhook-id"),
                    h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"), body)));
            Integer status;
            synchronized (answers) {
                status = answers.poll();
            }
            exchange.sendResponseHeaders(status == null ? 204 : status, -1);
            exchange.close();
        }

        /** The Standard Webhooks scheme, recomputed here independently of BillKit's code. */
        private boolean verify(String id, String timestamp, String header, String body) {
            if (id == null || timestamp == null || header == null || !timestamp.matches("\\d+")) {
                return false;
            }
            try {
                byte[] key = java.util.Base64.getDecoder().decode(secret.substring("whsec_".length()));
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
                for (String part : header.split(" ")) {
                    if (part.startsWith("v1,") && MessageDigest.isEqual(expected,
                            java.util.Base64.getDecoder().decode(part.substring(3)))) {
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                return false;
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private String registerReceiver(String eventTypesJson) {
        HttpResponse<String> response = api.post(WebhookEndpointRoutes.PATH,
                "{\"url\":\"" + receiver.url() + "\",\"customerId\":\"acme\",\"eventTypes\":" + eventTypesJson + "}",
                api.admin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = api.body(response);
        receiver.secret = body.get("secret").asText();
        return body.get("id").asText();
    }

    private OutboxEvent event(String id, String type) {
        return new OutboxEvent(id, type, "inv_1", "acme", Map.of("invoiceId", "inv_1", "total", "USD 99.00"),
                api.clock.instant());
    }

    @Test
    void an_event_is_delivered_once_signed_with_the_endpoints_secret() throws IOException {
        registerReceiver("[\"invoice.created\"]");
        api.ports.outbox().append(event("evt_1", "invoice.created"));
        api.ports.outbox().append(event("evt_2", "usage.alert"));

        WebhookRunResult first = api.services.deliverWebhooks().deliver();
        WebhookRunResult second = api.services.deliverWebhooks().deliver();

        assertThat(first.delivered()).isEqualTo(1);
        assertThat(second.idle()).isTrue();
        assertThat(receiver.received).hasSize(1);
        Receiver.Received got = receiver.received.get(0);
        assertThat(got.signatureValid()).isTrue();
        assertThat(got.header("webhook-id")).isEqualTo("evt_1");
        assertThat(got.header("BillKit-Event-Type")).isEqualTo("invoice.created");
        assertThat(got.header("Content-Type")).startsWith("application/json");
        JsonNode body = api.json.readTree(got.body());
        assertThat(body.get("id").asText()).isEqualTo("evt_1");
        assertThat(body.get("customerId").asText()).isEqualTo("acme");
        assertThat(body.get("created").asLong()).isEqualTo(api.clock.instant().getEpochSecond());
        assertThat(body.get("data").get("total").asText()).isEqualTo("USD 99.00");
    }

    @Test
    void a_receiver_answering_500_gets_the_event_again_after_the_backoff() {
        registerReceiver("[]");
        synchronized (receiver.answers) {
            receiver.answers.add(500);
        }
        api.ports.outbox().append(event("evt_1", "subscription.created"));

        assertThat(api.services.deliverWebhooks().deliver().retryScheduled()).isEqualTo(1);
        WebhookDelivery pending = api.ports.webhookDeliveries().forEvent("evt_1").get(0);
        assertThat(pending.status()).isEqualTo(WebhookDeliveryStatus.PENDING);
        assertThat(pending.lastStatusCode()).contains(500);
        assertThat(pending.nextAttemptAt()).contains(api.clock.instant().plus(Duration.ofMinutes(1)));

        assertThat(api.services.deliverWebhooks().deliver().idle()).isTrue();
        assertThat(receiver.received).hasSize(1);

        api.clock.advance(Duration.ofMinutes(1));
        assertThat(api.services.deliverWebhooks().deliver().delivered()).isEqualTo(1);

        assertThat(receiver.received).hasSize(2).allSatisfy(r -> {
            assertThat(r.signatureValid()).isTrue();
            assertThat(r.header("webhook-id")).isEqualTo("evt_1");
        });
        assertThat(receiver.received.get(0).body()).isEqualTo(receiver.received.get(1).body());
        WebhookDelivery delivered = api.ports.webhookDeliveries().forEvent("evt_1").get(0);
        assertThat(delivered.status()).isEqualTo(WebhookDeliveryStatus.DELIVERED);
        assertThat(delivered.attempts()).isEqualTo(2);
    }

    @Test
    void a_receiver_failing_twice_gets_the_same_webhook_id_three_times_and_one_delivery_is_recorded() {
        registerReceiver("[]");
        synchronized (receiver.answers) {
            receiver.answers.add(500);
            receiver.answers.add(500);
            receiver.answers.add(200);
        }
        api.ports.outbox().append(event("evt_3x", "invoice.created"));

        assertThat(api.services.deliverWebhooks().deliver().retryScheduled()).isEqualTo(1);
        WebhookDelivery afterFirst = api.ports.webhookDeliveries().forEvent("evt_3x").get(0);
        assertThat(afterFirst.nextAttemptAt()).contains(api.clock.instant().plus(Duration.ofMinutes(1)));
        api.clock.advance(Duration.ofSeconds(59));
        assertThat(api.services.deliverWebhooks().deliver().idle()).as("not due before the 1 min backoff").isTrue();
        api.clock.advance(Duration.ofSeconds(1));
        assertThat(api.services.deliverWebhooks().deliver().retryScheduled()).isEqualTo(1);
        WebhookDelivery afterSecond = api.ports.webhookDeliveries().forEvent("evt_3x").get(0);
        assertThat(afterSecond.attempts()).isEqualTo(2);
        assertThat(afterSecond.nextAttemptAt()).as("backoff doubled")
                .contains(api.clock.instant().plus(Duration.ofMinutes(2)));
        api.clock.advance(Duration.ofMinutes(1));
        assertThat(api.services.deliverWebhooks().deliver().idle()).as("not due before the 2 min backoff").isTrue();
        api.clock.advance(Duration.ofMinutes(1));
        assertThat(api.services.deliverWebhooks().deliver().delivered()).isEqualTo(1);
        assertThat(api.services.deliverWebhooks().deliver().idle()).isTrue();

        assertThat(receiver.received).hasSize(3).allSatisfy(r -> {
            assertThat(r.signatureValid()).isTrue();
            assertThat(r.header("webhook-id")).isEqualTo("evt_3x");
        });
        List<WebhookDelivery> recorded = api.ports.webhookDeliveries().forEvent("evt_3x");
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).status()).isEqualTo(WebhookDeliveryStatus.DELIVERED);
        assertThat(recorded.get(0).attempts()).isEqualTo(3);
        assertThat(recorded.get(0).lastStatusCode()).contains(200);
    }

    @Test
    void the_delivery_log_shows_every_attempt_and_an_admin_redelivers_a_past_delivery() {
        String endpoint = registerReceiver("[]");
        synchronized (receiver.answers) {
            receiver.answers.add(500);
            receiver.answers.add(503);
            receiver.answers.add(204);
        }
        api.ports.outbox().append(event("evt_log", "invoice.created"));
        java.time.Instant first = api.clock.instant();
        api.services.deliverWebhooks().deliver();
        api.clock.advance(Duration.ofMinutes(1));
        api.services.deliverWebhooks().deliver();
        api.clock.advance(Duration.ofMinutes(2));
        java.time.Instant third = api.clock.instant();
        assertThat(api.services.deliverWebhooks().deliver().delivered()).isEqualTo(1);

        String logPath = WebhookEndpointRoutes.PATH + "/" + endpoint + "/deliveries";
        HttpResponse<String> response = api.get(logPath, api.admin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode attempts = api.body(response).get("attempts");
        assertThat(attempts).hasSize(3);
        assertThat(attempts.get(0).get("attempt").asInt()).isEqualTo(3);
        assertThat(attempts.get(0).get("succeeded").asBoolean()).isTrue();
        assertThat(attempts.get(0).get("statusCode").asInt()).isEqualTo(204);
        assertThat(attempts.get(0).get("deliveryStatus").asText()).isEqualTo("DELIVERED");
        assertThat(java.time.Instant.parse(attempts.get(0).get("attemptedAt").asText())).isEqualTo(third);
        assertThat(attempts.get(1).get("statusCode").asInt()).isEqualTo(503);
        assertThat(attempts.get(1).get("deliveryStatus").asText()).isEqualTo("PENDING");
        assertThat(attempts.get(2).get("attempt").asInt()).isEqualTo(1);
        assertThat(attempts.get(2).get("succeeded").asBoolean()).isFalse();
        assertThat(attempts.get(2).get("statusCode").asInt()).isEqualTo(500);
        assertThat(attempts.get(2).get("error").asText()).isEqualTo("HTTP 500");
        assertThat(java.time.Instant.parse(attempts.get(2).get("attemptedAt").asText())).isEqualTo(first);
        assertThat(api.body(api.get(logPath + "?limit=1", api.admin())).get("attempts")).hasSize(1);
        String deliveryId = attempts.get(0).get("deliveryId").asText();

        String redeliver = logPath + "/" + deliveryId + "/redeliver";
        assertThat(api.post(redeliver, "", api.member()).statusCode()).isEqualTo(403);
        HttpResponse<String> queued = api.post(redeliver, "", api.admin());
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        assertThat(api.body(queued).get("status").asText()).isEqualTo("PENDING");
        assertThat(api.services.deliverWebhooks().deliver().delivered()).isEqualTo(1);

        assertThat(receiver.received).hasSize(4).allSatisfy(r -> {
            assertThat(r.signatureValid()).isTrue();
            assertThat(r.header("webhook-id")).isEqualTo("evt_log");
        });
        assertThat(receiver.received.get(3).body()).isEqualTo(receiver.received.get(0).body());
        JsonNode after = api.body(api.get(logPath, api.admin())).get("attempts");
        assertThat(after).hasSize(4);
        assertThat(after.get(0).get("succeeded").asBoolean()).isTrue();
        assertThat(api.ports.webhookDeliveries().forEvent("evt_log")).hasSize(1);
    }

    @Test
    void the_delivery_log_and_redelivery_of_unknown_things_are_404_and_members_get_403() {
        String endpoint = registerReceiver("[]");
        String logPath = WebhookEndpointRoutes.PATH + "/" + endpoint + "/deliveries";

        assertThat(api.body(api.get(logPath, api.admin())).get("attempts")).isEmpty();
        assertThat(api.get(logPath, api.member()).statusCode()).isEqualTo(403);
        assertThat(api.get(WebhookEndpointRoutes.PATH + "/we_nope/deliveries", api.admin()).statusCode())
                .isEqualTo(404);
        assertThat(api.get(logPath + "?limit=0", api.admin()).statusCode()).isEqualTo(400);
        assertThat(api.post(logPath + "/whd_nope/redeliver", "", api.admin()).statusCode()).isEqualTo(404);
        assertThat(api.post(WebhookEndpointRoutes.PATH + "/we_nope/deliveries/whd_nope/redeliver", "", api.admin())
                .statusCode()).isEqualTo(404);
    }

    @Test
    void an_endpoint_is_disabled_after_consecutive_dead_deliveries_receives_nothing_and_an_admin_re_enables_it() {
        String id = registerReceiver("[]");
        int n = io.billkit.application.service.DeliverWebhooksService.DISABLE_AFTER_DEAD_DELIVERIES;
        synchronized (receiver.answers) {
            for (int i = 0; i < n * WebhookDelivery.MAX_ATTEMPTS; i++) {
                receiver.answers.add(500);
            }
        }
        for (int i = 0; i < n; i++) {
            api.ports.outbox().append(event("evt_fail_" + i, "invoice.created"));
        }
        // strict per-endpoint order: the second delivery waits until the first is given up, and so on
        int dead = 0;
        for (int run = 0; run < n * WebhookDelivery.MAX_ATTEMPTS && dead < n; run++) {
            dead += api.services.deliverWebhooks().deliver().dead();
            api.clock.advance(Duration.ofHours(3));
        }

        assertThat(dead).isEqualTo(n);
        assertThat(receiver.received).hasSize(n * WebhookDelivery.MAX_ATTEMPTS);
        for (int i = 0; i < n * WebhookDelivery.MAX_ATTEMPTS; i++) {
            assertThat(receiver.received.get(i).header("webhook-id"))
                    .isEqualTo("evt_fail_" + (i / WebhookDelivery.MAX_ATTEMPTS));
        }
        assertThat(api.ports.webhookEndpoints().find(id).orElseThrow().active()).isFalse();
        JsonNode listed = api.body(api.get(WebhookEndpointRoutes.PATH + "?customerId=acme", api.admin()))
                .get("endpoints").get(0);
        assertThat(listed.get("active").asBoolean()).isFalse();

        api.ports.outbox().append(event("evt_after", "invoice.created"));
        WebhookRunResult after = api.services.deliverWebhooks().deliver();
        assertThat(after.deliveriesEnqueued()).isZero();
        assertThat(receiver.received).hasSize(n * WebhookDelivery.MAX_ATTEMPTS);

        String enable = WebhookEndpointRoutes.PATH + "/" + id + "/enable";
        assertThat(api.post(enable, "", api.member()).statusCode()).isEqualTo(403);
        assertThat(api.post(WebhookEndpointRoutes.PATH + "/we_nope/enable", "", api.admin()).statusCode())
                .isEqualTo(404);
        HttpResponse<String> enabled = api.post(enable, "", api.admin());
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
        assertThat(api.body(enabled).get("active").asBoolean()).isTrue();
        assertThat(api.body(enabled).get("deliveries").get("dead").asLong()).isEqualTo(n);
        assertThat(api.ports.webhookEndpoints().find(id).orElseThrow().active()).isTrue();
        assertThat(api.body(api.post(enable, "", api.admin())).get("active").asBoolean()).as("idempotent").isTrue();
        assertThat(api.services.auditTrail().recent(new io.billkit.application.port.in.audit.AuditQuery(
                java.util.Optional.of(TestServer.ACME), 100)))
                .filteredOn(a -> a.action().equals("webhook_endpoint.enabled")).singleElement()
                .satisfies(a -> assertThat(a.data()).containsEntry("endpointId", id));

        api.ports.outbox().append(event("evt_back", "invoice.created"));
        WebhookRunResult back = api.services.deliverWebhooks().deliver();
        assertThat(back.delivered()).isEqualTo(1);
        assertThat(receiver.received.get(receiver.received.size() - 1).header("webhook-id")).isEqualTo("evt_back");
        // one dead delivery now does not disable it again: the count restarted at 0
        synchronized (receiver.answers) {
            for (int i = 0; i < WebhookDelivery.MAX_ATTEMPTS; i++) {
                receiver.answers.add(500);
            }
        }
        api.ports.outbox().append(event("evt_dead_once", "invoice.created"));
        int deadAgain = 0;
        for (int run = 0; run < WebhookDelivery.MAX_ATTEMPTS && deadAgain == 0; run++) {
            deadAgain += api.services.deliverWebhooks().deliver().dead();
            api.clock.advance(Duration.ofHours(3));
        }
        assertThat(deadAgain).isEqualTo(1);
        assertThat(api.ports.webhookEndpoints().find(id).orElseThrow().active()).isTrue();
    }

    @Test
    void delivery_outcomes_and_latency_are_exposed_as_metrics() {
        registerReceiver("[]");
        synchronized (receiver.answers) {
            receiver.answers.add(500);
        }
        api.ports.outbox().append(event("evt_m", "invoice.created"));
        api.services.deliverWebhooks().deliver();
        api.clock.advance(Duration.ofMinutes(1));
        api.services.deliverWebhooks().deliver();

        HttpResponse<String> scrape = api.get("/api/v1/metrics", api.admin());
        assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("billkit_outbound_webhook_deliveries_total{outcome=\"delivered\"} 1.0")
                .contains("billkit_outbound_webhook_deliveries_total{outcome=\"failed\"} 1.0")
                .contains("billkit_outbound_webhook_deliveries_total{outcome=\"dead\"} 0.0")
                .contains("billkit_outbound_webhook_delivery_seconds_count{outcome=\"delivered\"} 1")
                .contains("billkit_outbound_webhook_delivery_seconds_count{outcome=\"failed\"} 1")
                .contains("billkit_outbound_webhook_delivery_seconds_bucket{outcome=\"delivered\",le=");
    }

    @Test
    void a_duplicate_outbox_event_is_delivered_once() {
        registerReceiver("[]");
        OutboxEvent event = event("evt_dup", "invoice.created");
        api.ports.outbox().append(event);
        api.ports.outbox().append(event);

        WebhookRunResult run = api.services.deliverWebhooks().deliver();

        assertThat(run.eventsPublished()).isEqualTo(2);
        assertThat(run.deliveriesEnqueued()).isEqualTo(1);
        assertThat(receiver.received).hasSize(1);
        assertThat(api.services.deliverWebhooks().deliver().idle()).isTrue();
    }

    @Test
    void an_unreachable_receiver_is_a_network_error_scheduled_for_retry() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HttpResponse<String> response = api.post(WebhookEndpointRoutes.PATH,
                "{\"url\":\"http://127.0.0.1:" + closedPort + "/hook\"}", api.admin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        api.ports.outbox().append(event("evt_1", "invoice.created"));

        assertThat(api.services.deliverWebhooks().deliver().retryScheduled()).isEqualTo(1);
        WebhookDelivery pending = api.ports.webhookDeliveries().forEvent("evt_1").get(0);
        assertThat(pending.lastStatusCode()).isEmpty();
        assertThat(pending.lastError()).isPresent();
    }

    @Test
    void admins_register_and_list_endpoints_without_secrets_and_members_get_403() {
        String id = registerReceiver("[\"invoice.created\",\"usage.alert\"]");
        HttpResponse<String> global = api.post(WebhookEndpointRoutes.PATH,
                "{\"url\":\"https://ops.example.com/billkit\"}", api.admin());

        JsonNode acme = api.body(api.get(WebhookEndpointRoutes.PATH + "?customerId=acme", api.admin()));
        JsonNode all = api.body(api.get(WebhookEndpointRoutes.PATH, api.admin()));

        assertThat(global.statusCode()).isEqualTo(201);
        assertThat(api.body(global).get("secret").asText()).startsWith("whsec_");
        assertThat(acme.get("endpoints")).hasSize(1);
        JsonNode listed = acme.get("endpoints").get(0);
        assertThat(listed.get("id").asText()).isEqualTo(id);
        assertThat(listed.get("eventTypes").toString()).isEqualTo("[\"invoice.created\",\"usage.alert\"]");
        assertThat(listed.has("secret")).isFalse();
        assertThat(all.get("endpoints")).hasSize(2);
        assertThat(all.toString()).doesNotContain("whsec_");
        assertThat(api.post(WebhookEndpointRoutes.PATH, "{\"url\":\"https://x.example.com\"}", api.member())
                .statusCode()).isEqualTo(403);
        assertThat(api.get(WebhookEndpointRoutes.PATH, api.member()).statusCode()).isEqualTo(403);
    }

    @Test
    void plain_http_to_another_host_and_a_missing_url_are_400() {
        HttpResponse<String> http = api.post(WebhookEndpointRoutes.PATH,
                "{\"url\":\"http://hooks.example.com/x\"}", api.admin());
        HttpResponse<String> missing = api.post(WebhookEndpointRoutes.PATH, "{\"customerId\":\"acme\"}", api.admin());
        HttpResponse<String> unknownCustomer = api.post(WebhookEndpointRoutes.PATH,
                "{\"url\":\"https://x.example.com\",\"customerId\":\"nobody\"}", api.admin());

        assertThat(http.statusCode()).isEqualTo(400);
        assertThat(api.body(http).get("detail").asText()).contains("https");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(api.body(missing).toString()).contains("url");
        assertThat(unknownCustomer.statusCode()).isEqualTo(404);
    }

    @Test
    void the_routes_are_in_the_openapi_document() {
        JsonNode paths = api.body(api.get("/api/v1/openapi.json")).get("paths");
        JsonNode endpoints = paths.get(WebhookEndpointRoutes.PATH);
        assertThat(endpoints.has("post")).isTrue();
        assertThat(endpoints.has("get")).isTrue();
        assertThat(endpoints.get("post").get("x-billkit-access").asText()).isEqualTo("admin");
    }
}
