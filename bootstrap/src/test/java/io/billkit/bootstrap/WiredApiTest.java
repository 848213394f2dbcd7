package io.billkit.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.Stripe;
import io.billkit.adapter.http.BillKitHttpServer;
import io.billkit.adapter.http.HttpConfig;
import io.billkit.adapter.http.HttpDependencies;
import io.billkit.adapter.http.HttpMetrics;
import io.billkit.adapter.http.ReadinessCheck;
import io.billkit.adapter.http.Role;
import io.billkit.adapter.http.SessionTokens;
import io.billkit.adapter.pdf.PdfInvoiceRenderer;
import io.billkit.adapter.stripe.StripeConfig;
import io.billkit.adapter.stripe.StripeWebhookVerifier;
import io.billkit.application.assembly.BillingPorts;
import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.assembly.InMemoryBillingPorts;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP API as bootstrap wires it ({@link HttpWiring}) with the real Stripe webhook verifier and the real PDF
 * renderer, on in-memory ports with a settable clock: Stripe-signed webhooks and a real invoice PDF.
 */
class WiredApiTest {
    private static final String WEBHOOK_SECRET = "whsec_bootstrap_test";
    private static final String JWT_SECRET = "bootstrap-test-secret-0123456789-abcdef";
    private static final CustomerId ACME = CustomerId.of("acme");
    private static final Instant START = Instant.parse("2026-03-10T12:00:00Z");

    private static final SettableClock clock = new SettableClock(START);
    private static final HttpClient client = HttpClient.newHttpClient();
    private static final ObjectMapper json = new ObjectMapper();
    private static BillingPorts ports;
    private static BillingServices services;
    private static BillKitHttpServer server;
    private static String providerSubscription;

    @BeforeAll
    static void start() {
        StripeConfig stripe = StripeConfig.of("sk_test_unused", Map.of(PlanCode.of("growth"), "price_growth"), Map.of());
        ports = InMemoryBillingPorts.create(new MockPaymentProvider(clock)).withInvoiceRenderer(new PdfInvoiceRenderer());
        services = new BillingServices(ports, SeedCatalogs.apex(), clock, BillingSettings.defaults());
        HttpConfig config = new HttpConfig("127.0.0.1", 0, HttpConfig.DEFAULT_MAX_REQUEST_BYTES,
                HttpConfig.Features.allOn(), new HttpConfig.ServiceInfo("BillKit", "test", "apex", "mock"),
                HttpConfig.JwtSettings.hs256(JWT_SECRET, Optional.empty()), HttpConfig.RateLimits.defaults());
        server = new BillKitHttpServer(config, new HttpDependencies(HttpWiring.useCases(services), ports.apiKeys(),
                ports.auditLog(), Optional.of(new StripeWebhookVerifier(WEBHOOK_SECRET, stripe,
                        StripeWebhookVerifier.DEFAULT_TOLERANCE, clock)),
                ReadinessCheck.alwaysReady(), new HttpMetrics(), clock)).start();
        services.upsertCustomer().upsert(new UpsertCustomerCommand(Customer.of(ACME, "Acme Corp", "ap@acme.test"),
                Actor.system()));
        String subscription = services.subscribe().subscribe(new SubscribeCommand(ACME, PlanCode.of("scale"),
                Actor.system())).id().value();
        providerSubscription = ports.providerReferences().providerId("subscription", subscription).orElseThrow();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    private static String token(Role role) {
        Instant now = clock.instant();
        return "Bearer " + SessionTokens.issueHs256(JWT_SECRET, Optional.empty(), role.claim(), ACME, role, now,
                now.plus(Duration.ofHours(1)));
    }

    /** A Stripe event as Stripe sends it (the shape of the fixtures' {@code event} and {@code subscription}). */
    private static String subscriptionUpdated(String eventId, boolean cancelAtPeriodEnd) {
        long created = clock.instant().getEpochSecond() - 30;
        return """
                {"id":"%s","object":"event","api_version":"%s","created":%d,"livemode":false,"pending_webhooks":1,
                 "request":{"id":null,"idempotency_key":null},"type":"customer.subscription.updated",
                 "data":{"object":{"id":"%s","object":"subscription","customer":"cus_acme","status":"active",
                   "cancel_at_period_end":%s,"created":%d,"currency":"usd","livemode":false,
                   "items":{"object":"list","data":[{"id":"si_1","object":"subscription_item",
                     "price":{"id":"price_growth","object":"price","currency":"usd"}}],"has_more":false}}}}"""
                .formatted(eventId, Stripe.API_VERSION, created, providerSubscription, cancelAtPeriodEnd, created);
    }

    /** {@code t=<ts>,v1=<hex HMAC-SHA256(secret, ts + "." + body)>}, Stripe's signature scheme. */
    private static String sign(String payload, String secret) throws Exception {
        long timestamp = clock.instant().getEpochSecond();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(
                mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<byte[]> deliver(String body, String signature) throws Exception {
        return send(request("/api/v1/webhooks/stripe").header("Stripe-Signature", signature)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static JsonNode body(HttpResponse<byte[]> response) throws Exception {
        return json.readTree(response.body());
    }

    @Test
    void a_stripe_signed_event_is_applied_and_its_redelivery_is_a_duplicate() throws Exception {
        String event = subscriptionUpdated("evt_wired_1", true);

        HttpResponse<byte[]> first = deliver(event, sign(event, WEBHOOK_SECRET));
        HttpResponse<byte[]> again = deliver(event, sign(event, WEBHOOK_SECRET));

        assertThat(first.statusCode()).as(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(body(first).get("result").asText()).isEqualTo("APPLIED");
        assertThat(services.subscription().current(ACME).orElseThrow().cancelAtPeriodEnd()).isTrue();
        assertThat(body(again).get("result").asText()).isEqualTo("DUPLICATE");
    }

    @Test
    void a_tampered_or_wrongly_signed_event_is_400_and_writes_nothing() throws Exception {
        String event = subscriptionUpdated("evt_wired_tampered", false);
        String signature = sign(event, WEBHOOK_SECRET);
        int audit = ports.auditLog().recent(Optional.empty(), 1000).size();

        HttpResponse<byte[]> tampered = deliver(event.replace("\"active\"", "\"canceled\""), signature);
        HttpResponse<byte[]> wrongSecret = deliver(event, sign(event, "whsec_someone_else"));

        assertThat(tampered.statusCode()).isEqualTo(400);
        assertThat(body(tampered).get("type").asText()).endsWith("/webhook-signature-invalid");
        assertThat(wrongSecret.statusCode()).isEqualTo(400);
        assertThat(ports.auditLog().recent(Optional.empty(), 1000)).hasSize(audit);
        assertThat(body(deliver(event, signature)).get("result").asText()).isEqualTo("APPLIED");
    }

    @Test
    void an_invoice_downloads_as_a_real_pdf_with_an_etag_and_304() throws Exception {
        clock.set(Instant.parse("2026-04-10T14:00:00Z"));
        HttpResponse<byte[]> closed = send(request("/api/v1/admin/periods/close").header("Authorization", token(Role.ADMIN))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(closed.statusCode()).isEqualTo(200);
        String invoice = body(closed).get("created").get(0).asText();

        HttpResponse<byte[]> pdf = send(request("/api/v1/billing/invoices/" + invoice + "/pdf")
                .header("Authorization", token(Role.MEMBER)).GET());
        String etag = pdf.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> notModified = send(request("/api/v1/billing/invoices/" + invoice + "/pdf")
                .header("Authorization", token(Role.MEMBER)).header("If-None-Match", etag).GET());

        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow()).matches("attachment; filename=\"INV-.*\\.pdf\".*");
        assertThat(notModified.statusCode()).isEqualTo(304);
    }
}
