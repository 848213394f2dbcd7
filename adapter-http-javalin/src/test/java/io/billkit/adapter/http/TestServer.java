package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billkit.application.assembly.BillingPorts;
import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.assembly.InMemoryBillingPorts;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.application.port.out.ApiKeyStore;
import io.billkit.application.port.out.InvoiceRenderer;
import io.billkit.application.port.out.WebhookSender;
import io.billkit.application.port.out.provider.ProviderWebhookVerifier;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * A real {@link BillKitHttpServer} on a free port with the {@link ProbeRoutes}, wired to real use cases
 * ({@link BillingServices} on {@link InMemoryBillingPorts} with the {@link MockPaymentProvider} and a
 * {@link SettableClock}), and a client for it. Session tokens are issued at the server's clock.
 */
final class TestServer implements AutoCloseable {
    static final String SECRET = "test-secret-0123456789-0123456789-abcdef";
    static final CustomerId ACME = CustomerId.of("acme");
    static final CustomerId GLOBEX = CustomerId.of("globex");

    final SettableClock clock;
    final Catalog catalog;
    final BillingPorts ports;
    final BillingServices services;
    final io.billkit.application.assembly.AiGovernanceServices ai;
    final ApiKeyStore apiKeys;
    final HttpMetrics metrics = new HttpMetrics();
    final BillKitHttpServer server;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper json = Json.newMapper();
    private volatile boolean ready = true;

    private TestServer(Builder builder) {
        this.clock = builder.clock;
        this.catalog = builder.catalog;
        BillingPorts inMemory = InMemoryBillingPorts.create(new MockPaymentProvider(clock));
        BillingPorts rendered = builder.renderer == null ? inMemory : inMemory.withInvoiceRenderer(builder.renderer);
        this.ports = (builder.webhookSender == null ? rendered : rendered.withWebhookSender(builder.webhookSender))
                .withWebhookObserver(new WebhookDeliveryMetrics(metrics));
        this.services = new BillingServices(ports, catalog, clock,
                BillingSettings.defaults().withWebhookPrivateHosts(java.util.Set.of("127.0.0.1", "localhost",
                        "ops.example.com", "x.example.com", "hooks.example.com"))
                        .withWebhookDelivery(io.billkit.application.service.DeliverWebhooksService.Settings.defaults()
                                .withConcurrency(builder.webhookConcurrency)));
        this.apiKeys = ports.apiKeys();
        HttpDependencies deps = new HttpDependencies(useCases(services), ports.apiKeys(), ports.auditLog(),
                Optional.ofNullable(builder.verifier), () -> ready, metrics, clock);
        this.ai = new io.billkit.application.assembly.AiGovernanceServices(ports,
                io.billkit.application.assembly.AiGovernancePorts.inMemory(ports), catalog, clock,
                io.billkit.application.assembly.AiGovernanceSettings.defaults());
        AiUseCases aiUseCases = new AiUseCases(ai.setGovernance(), ai.governance(), ai.checkAiRequest(),
                ai.settleAiRequest(), ai.usageStatistics(), ai.quotaPrediction(), ai.usageSnapshots());
        List<RouteGroup> groups = new java.util.ArrayList<>(builder.probes ? List.of(new ProbeRoutes(metrics)) : List.of());
        groups.add(new AiGovernanceRoutes(aiUseCases, new JsonBody(Json.newMapper())));
        groups.addAll(builder.extraGroups);
        server = new BillKitHttpServer(builder.config, deps, groups).start();
    }

    /** Every use case of {@code services}, as bootstrap wires them. */
    static HttpUseCases useCases(BillingServices s) {
        return new HttpUseCases(s.catalog(), s.recordUsage(), s.checkQuota(), s.consumeQuota(), s.currentUsage(),
                s.usageHistory(), s.listInvoices(), s.invoice(), s.renderInvoicePdf(), s.subscription(), s.subscribe(),
                s.startCheckout(), s.openCustomerPortal(), s.changePlan(), s.cancelSubscription(),
                s.resumeSubscription(), s.creditBalance(), s.consumeCredits(), s.billingSummary(), s.auditTrail(),
                s.closePeriod(), s.reconcile(), s.reconciliationHistory(), s.upsertCustomer(), s.handleProviderEvent(),
                s.registerWebhookEndpoint(), s.webhookEndpoints(), s.listCustomers(), s.grantCredits(),
                s.webhookDeliveryLog(), s.redeliverWebhook(),
                s.enableWebhookEndpoint(), s.setLowBalanceThreshold(), s.lowBalanceThreshold(), s.dunning(), s.retryPaymentNow(), s.stopDunning(),
                new HttpUseCases.Coupons(s.coupons().create(),
                        s.coupons().list(), s.coupons().apply(), s.coupons().remove(), s.coupons().discounts()),
                new io.billkit.adapter.http.CreditNoteUseCases(s.issueCreditNote(), s.retryCreditNoteRefund(),
                        s.creditNotes(), s.creditNote(), s.renderCreditNotePdf(), s.customerBalance()),

                new HttpUseCases.UsageThresholds(s.setUsageThresholds(), s.usageThresholds()));
    }

    static final class Builder {
        private HttpConfig config = TestServer.config();
        private Catalog catalog = SeedCatalogs.apex();
        private SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        private ProviderWebhookVerifier verifier;
        private InvoiceRenderer renderer;
        private WebhookSender webhookSender;
        private final List<RouteGroup> extraGroups = new java.util.ArrayList<>();
        private boolean probes = true;
        private int webhookConcurrency = io.billkit.application.service.DeliverWebhooksService.Settings.DEFAULT_CONCURRENCY;

        /** Threads of the outbound webhook delivery pool. */
        Builder webhookConcurrency(int threads) {
            this.webhookConcurrency = threads;
            return this;
        }

        /** Only the service's own routes (no test probes): what the published OpenAPI document describes. */
        Builder withoutProbes() {
            probes = false;
            return this;
        }

        /** Registers {@code group} after the probe routes. */
        Builder routes(RouteGroup group) {
            extraGroups.add(group);
            return this;
        }

        Builder webhookSender(WebhookSender value) {
            this.webhookSender = value;
            return this;
        }

        Builder renderer(InvoiceRenderer value) {
            this.renderer = value;
            return this;
        }

        Builder config(HttpConfig value) {
            this.config = value;
            return this;
        }

        Builder catalog(Catalog value) {
            this.catalog = value;
            return this;
        }

        Builder clock(String isoInstant) {
            this.clock = SettableClock.at(isoInstant);
            return this;
        }

        Builder webhookVerifier(ProviderWebhookVerifier value) {
            this.verifier = value;
            return this;
        }

        TestServer start() {
            return new TestServer(this);
        }
    }

    static Builder builder() {
        return new Builder();
    }

    static TestServer start() {
        return builder().start();
    }

    static TestServer start(HttpConfig config) {
        return builder().config(config).start();
    }

    /** Billing on, generous rate limits, 1 KiB body limit, HS256 with {@link #SECRET}. */
    static HttpConfig config() {
        return config(1024);
    }

    static HttpConfig config(long maxRequestBytes) {
        return new HttpConfig("127.0.0.1", 0, maxRequestBytes, HttpConfig.Features.allOn(),
                new HttpConfig.ServiceInfo("BillKit", "test-1", "apex", "mock"),
                HttpConfig.JwtSettings.hs256(SECRET, Optional.empty()),
                new HttpConfig.RateLimits(1_000, Duration.ofMinutes(15), 1_000, Duration.ofMinutes(1)));
    }

    void ready(boolean value) {
        ready = value;
    }

    // ---- billing set-up through the use cases

    /** Upserts {@code customer} (no subscription). */
    void customer(CustomerId customer) {
        services.upsertCustomer().upsert(new UpsertCustomerCommand(
                Customer.of(customer, customer.value() + " Inc.", "billing@" + customer.value() + ".test"), Actor.system()));
    }

    /** Upserts {@code customer} and subscribes it to {@code plan}. */
    void subscribe(CustomerId customer, String plan) {
        customer(customer);
        services.subscribe().subscribe(new SubscribeCommand(customer, PlanCode.of(plan), Actor.system()));
    }

    // ---- credentials

    String token(String subject, CustomerId customer, Role role) {
        Instant now = clock.instant();
        return SessionTokens.issueHs256(SECRET, Optional.empty(), subject, customer, role, now,
                now.plus(Duration.ofHours(1)));
    }

    String memberToken() {
        return token("alice", ACME, Role.MEMBER);
    }

    String adminToken() {
        return token("root", ACME, Role.ADMIN);
    }

    /** {@code Authorization} header pair for a member of {@link #ACME}. */
    String[] member() {
        return new String[] {"Authorization", "Bearer " + memberToken()};
    }

    /** {@code Authorization} header pair for an admin. */
    String[] admin() {
        return new String[] {"Authorization", "Bearer " + adminToken()};
    }

    /** Stores a key and returns the clear key. */
    String apiKey(String id, Optional<CustomerId> customer, boolean revoked) {
        String clear = ApiKeys.newClearKey();
        apiKeys.save(new ApiKeyStore.ApiKey(id, customer, id, ApiKeys.sha256Hex(clear), Instant.parse("2026-01-01T00:00:00Z"),
                revoked));
        return clear;
    }

    // ---- HTTP

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(20));
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder builder = request(path).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder);
    }

    HttpResponse<byte[]> getBytes(String path, String... headers) {
        HttpRequest.Builder builder = request(path).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder builder = request(path).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder);
    }

    HttpResponse<String> send(HttpRequest.Builder builder) {
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode body(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        server.close();
        services.closeWebhookDelivery();
    }
}
