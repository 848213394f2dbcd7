package io.billkit.bootstrap;

import io.billkit.adapter.http.BillKitHttpServer;
import io.billkit.adapter.http.HttpConfig;
import io.billkit.adapter.http.HttpDependencies;
import io.billkit.adapter.http.RateLimitBuckets;
import io.billkit.adapter.http.HttpMetrics;
import io.billkit.adapter.http.HttpWebhookSender;
import io.billkit.adapter.http.WebhookDeliveryMetrics;
import io.billkit.application.service.DeliverWebhooksService;
import io.billkit.adapter.http.ReadinessCheck;
import io.billkit.adapter.pdf.PdfInvoiceRenderer;
import io.billkit.adapter.clickhouse.ClickHouse;
import io.billkit.adapter.clickhouse.ClickHouseSchema;
import io.billkit.adapter.clickhouse.ClickHouseTransactions;
import io.billkit.adapter.clickhouse.ClickHouseUsageEventStore;
import io.billkit.adapter.pdf.PdfRenderOptions;
import io.billkit.adapter.postgres.PostgresAdapter;
import io.billkit.adapter.postgres.PostgresDatabase;
import io.billkit.adapter.stripe.StripeConfig;
import io.billkit.adapter.stripe.StripePaymentProvider;
import io.billkit.adapter.stripe.StripeWebhookVerifier;
import io.billkit.application.assembly.BillingPorts;
import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.assembly.AiGovernancePorts;
import io.billkit.application.assembly.AiGovernanceServices;
import io.billkit.application.assembly.AiGovernanceSettings;
import io.billkit.application.assembly.InMemoryBillingPorts;
import io.billkit.application.inmemory.InMemoryIdempotentRequestStore;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.usagelog.EventLogUsageStore;
import io.billkit.application.port.out.IdempotentRequestStore;
import io.billkit.application.port.out.provider.PaymentProvider;
import io.billkit.application.port.out.provider.ProviderWebhookVerifier;
import io.billkit.application.service.ClosePeriodService;
import io.billkit.application.port.in.invoice.ClosePeriodUseCase;
import io.billkit.bootstrap.metrics.BusinessMetrics;
import io.billkit.bootstrap.metrics.MeteredClosePeriod;
import io.billkit.bootstrap.metrics.MeteredOutbox;
import io.billkit.bootstrap.metrics.MeteredPaymentProvider;
import io.billkit.bootstrap.metrics.ServiceMetrics;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The BillKit service: reads the configuration from the environment ({@link EnvConfig}), wires the adapters
 * with plain constructor calls, starts the HTTP API and the {@link BillingScheduler}, and stops everything on
 * JVM shutdown (HTTP drain, then scheduler, then pool and database).
 *
 * <p>Wiring: PostgreSQL ({@code DATABASE_URL}, else embedded with data in {@code ./data/postgres}) or in-memory
 * stores ({@code BILLKIT_STORAGE=memory}); Stripe ({@code STRIPE_SECRET_KEY} with {@code STRIPE_PRICE_<PLAN>} /
 * {@code STRIPE_METER_<METER>}) or, without it, a mock provider that charges nothing
 * ({@link LocalPaymentProvider} on PostgreSQL, the stateful {@code MockPaymentProvider} in memory); Stripe webhook verification with
 * {@code STRIPE_WEBHOOK_SECRET}; PDF invoices (PDFBox); outbound webhooks over {@link HttpWebhookSender}; the seed catalog {@code BILLING_CATALOG};
 * {@link Clock#systemUTC()}.
 *
 * <p>Run with {@code java -jar bootstrap/target/billkit.jar}; with nothing set it listens on 8080 with an
 * embedded PostgreSQL, the mock payment provider, a random HS256 secret and demo credentials printed to stderr.
 */
public final class BillKitApplication implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BillKitApplication.class);

    private final BillKitHttpServer server;
    private final BillingServices services;
    private final Deque<AutoCloseable> resources;
    private final Duration drainTimeout;
    private boolean closed;

    private BillKitApplication(BillKitHttpServer server, BillingServices services, Deque<AutoCloseable> resources,
                               Duration drainTimeout) {
        this.server = server;
        this.services = services;
        this.resources = resources;
        this.drainTimeout = drainTimeout;
    }

    public static void main(String[] args) {
        AppConfig config;
        try {
            config = EnvConfig.parse(System.getenv());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // the credentials banner goes to stderr, apart from the (JSON) log lines on stdout
        BillKitApplication app = start(config, System.err);
        // SIGTERM, SIGINT, normal exit: drain HTTP, then stop the scheduler, the pool and the embedded database (it
        // registers no hook of its own, so it cannot go down before the requests it serves). After SIGKILL the next
        // start stops the embedded server left behind.
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "billkit-shutdown"));
    }

    /** Wires and starts the service; {@code console} receives the demo credentials. */
    public static BillKitApplication start(AppConfig config, PrintStream console) {
        return start(config, console, Clock.systemUTC());
    }

    /** As {@link #start(AppConfig, PrintStream)} on another clock (tests that run a billing year in seconds). */
    static BillKitApplication start(AppConfig config, PrintStream console, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(clock, "clock");
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            return start(config, console, clock, resources);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    private static BillKitApplication start(AppConfig config, PrintStream console, Clock clock,
                                            Deque<AutoCloseable> resources) {
        Catalog catalog = SeedCatalogs.named(config.catalog());
        Optional<StripeConfig> stripe = config.stripeSecretKey().map(key -> stripeConfig(config, key));
        // without Stripe: the stateful mock with in-memory stores (same lifetime); on PostgreSQL a provider whose
        // ids survive restarts (the mock's sequential ids and state would not, while the database keeps them)
        PaymentProvider provider = stripe.<PaymentProvider>map(StripePaymentProvider::new)
                .orElseGet(() -> config.storage() == AppConfig.Storage.MEMORY ? new MockPaymentProvider(clock)
                        : new LocalPaymentProvider(clock));
        stripe.ifPresent(s -> warnAboutUnpricedPlans(catalog, s));
        Optional<ProviderWebhookVerifier> webhooks = config.stripeWebhookSecret().flatMap(secret ->
                stripe.map(s -> new StripeWebhookVerifier(secret, s)));

        ServiceMetrics serviceMetrics = new ServiceMetrics();
        resources.push(serviceMetrics);
        BusinessMetrics metrics = new BusinessMetrics(serviceMetrics.registry(), catalog);
        Storage storage = storage(config, clock, provider, resources, metrics);
        BillingSettings settings = billingSettings(config);
        BillingServices services = new BillingServices(storage.ports().withWebhookObserver(
                new WebhookDeliveryMetrics(serviceMetrics.registry())), catalog, clock, settings);
        // closed after the scheduler (the stack closes the last pushed first): running deliveries may finish
        resources.push(services::closeWebhookDelivery);
        ClosePeriodUseCase closePeriod = new MeteredClosePeriod(services.closePeriod(), metrics);

        Optional<String> hmacSecret = config.jwtSecret();
        if (hmacSecret.isEmpty() && config.jwtPublicKeyPem().isEmpty()) {
            hmacSecret = Optional.of(randomSecret());
            log.warn("JWT_SECRET is not set: generated a random HS256 secret; tokens stop working on restart");
        }
        HttpConfig.JwtSettings jwt = hmacSecret
                .map(secret -> HttpConfig.JwtSettings.hs256(secret, config.jwtIssuer()))
                .orElseGet(() -> HttpConfig.JwtSettings.rs256(config.jwtPublicKeyPem().orElseThrow(), config.jwtIssuer()));
        String providerName = stripe.isPresent() ? "stripe" : "mock";
        HttpConfig http = new HttpConfig(config.host(), config.port(), config.maxRequestBytes(), config.features(),
                new HttpConfig.ServiceInfo("BillKit", version(), catalog.name(), providerName), jwt, config.rateLimits(),
                config.browser());
        HttpDependencies deps = new HttpDependencies(HttpWiring.useCases(services, metrics, closePeriod),
                storage.ports().apiKeys(), storage.ports().auditLog(), webhooks, storage.readiness(),
                new HttpMetrics(serviceMetrics.registry()), clock,
                storage.rateLimitBuckets(), storage.idempotentRequests());

        AiGovernanceServices ai = new AiGovernanceServices(storage.ports(), storage.aiPorts(), catalog, clock,
                AiGovernanceSettings.defaults());
        BillKitHttpServer server = new BillKitHttpServer(http, deps, HttpWiring.aiUseCases(ai)).start();
        resources.push(server);
        resources.push(new UsageSnapshotJob(ai.takeUsageSnapshots(), UsageSnapshotJob.DEFAULT_INTERVAL));
        resources.push(new BillingScheduler(closePeriod, services.usageAlerts(),
                storage.ports().subscriptions(), config.periodCloseInterval(), services.deliverWebhooks(),
                config.webhookDeliveryInterval(), services.pruneWebhookDeliveryLog(),
                config.webhookDeliveryLogRetention()));
        log.info("BillKit started: catalog={}, billingEnabled={}, paymentProvider={}, storage={}, webhooks={}",
                catalog.name(), config.features().billingEnabled(), providerName, storage.description(),
                webhooks.isPresent() ? "stripe" : "not configured");

        if (config.demoData()) {
            DemoData.seed(services, hmacSecret, config.jwtIssuer(), clock, server.port(), console)
                    .ifPresent(resources::push);
        }
        return new BillKitApplication(server, services, resources, config.shutdownDrainTimeout());
    }

    /**
     * The ports on PostgreSQL or in memory, how to tell readiness, where rate-limit buckets live (shared by the
     * replicas on one database), and a description for the log.
     */
    private record Storage(BillingPorts ports, AiGovernancePorts aiPorts, ReadinessCheck readiness,
                           RateLimitBuckets rateLimitBuckets, IdempotentRequestStore idempotentRequests,
                           String description) {
    }

    /** The settings of the use cases: seller, webhook SSRF allowlist, period-close grace. */
    static BillingSettings billingSettings(AppConfig config) {
        return BillingSettings.defaults().withSeller(config.seller())
                .withWebhookPrivateHosts(config.webhookPrivateHosts())
                .withWebhookDelivery(DeliverWebhooksService.Settings.defaults()
                        .withConcurrency(config.webhookDeliveryConcurrency()))
                .withPeriodClose(new ClosePeriodService.Settings(config.periodCloseGrace(),
                        ClosePeriodService.Settings.DEFAULT_BATCH_SIZE));
    }

    /** The invoice PDF renderer in the configured format ({@code INVOICE_PDF_FORMAT}). */
    static PdfInvoiceRenderer invoiceRenderer(AppConfig config) {
        return new PdfInvoiceRenderer(PdfRenderOptions.defaults().withFormat(config.invoicePdfFormat()));
    }

    /**
     * The ports on PostgreSQL or in memory, with the payment provider, the
     * outbox and the webhook sender counted in {@code metrics} and the pool's metrics on its registry.
     */
    private static Storage storage(AppConfig config, Clock clock, PaymentProvider provider,
                                   Deque<AutoCloseable> resources, BusinessMetrics metrics) {
        Storage plain = plainStorage(config, clock, provider, resources, metrics.registry());
        BillingPorts ports = plain.ports();
        BillingPorts metered = ports.withPaymentProvider(MeteredPaymentProvider.wrap(ports.paymentProvider(), metrics))
                .withOutbox(new MeteredOutbox(ports.outbox(), metrics));
        return new Storage(metered, plain.aiPorts(), plain.readiness(), plain.rateLimitBuckets(),
                plain.idempotentRequests(), plain.description());
    }

    private static Storage plainStorage(AppConfig config, Clock clock, PaymentProvider provider,
                                        Deque<AutoCloseable> resources, MeterRegistry metrics) {
        PdfInvoiceRenderer renderer = invoiceRenderer(config);
        HttpWebhookSender webhookSender = new HttpWebhookSender();
        if (config.storage() == AppConfig.Storage.MEMORY) {
            log.warn("BILLKIT_STORAGE=memory: every customer, event and invoice is lost when the process stops");
            BillingPorts ports = InMemoryBillingPorts.create(provider).withInvoiceRenderer(renderer)
                    .withWebhookSender(webhookSender);
            return new Storage(ports, AiGovernancePorts.inMemory(ports),
                    ReadinessCheck.alwaysReady(), RateLimitBuckets.local(), new InMemoryIdempotentRequestStore(),
                    "memory");
        }
        PostgresDatabase database = PostgresDatabase.start(config.postgres());
        resources.push(database);
        database.recordPoolMetrics(new MicrometerMetricsTrackerFactory(metrics));
        PostgresAdapter pg = new PostgresAdapter(database);
        BillingPorts ports = pg.billingPorts(provider, renderer, webhookSender);
        String usage = "";
        AiGovernancePorts aiPorts = pg.aiGovernancePorts();
        if (config.usageStore().kind() == AppConfig.UsageStore.Kind.CLICKHOUSE) {
            aiPorts = pg.aiGovernancePortsOverClaims();
            EventLogUsageStore events = clickHouseUsageStore(config.usageStore(), pg, resources);
            ports = ports.withUsageEvents(events, events.transactions());
            resources.push(new UsageShipper(events, config.usageStore().shipInterval()));
            usage = ", usage events in " + config.usageStore();
        }
        ReadinessCheck readiness = () -> {
            try (Connection connection = database.dataSource().getConnection()) {
                return connection.isValid(2);
            } catch (SQLException e) {
                return false;
            }
        };
        return new Storage(ports, aiPorts, readiness, RateLimitBuckets.shared(pg.rateLimitBuckets()),
                pg.idempotentRequests(),
                "postgres " + database.describe() + usage);
    }

    /**
     * Usage events in ClickHouse (schema applied at start), event-id claims and everything else in PostgreSQL.
     * ClickHouse must answer at start (its schema is applied then); later outages only delay reads.
     */
    private static EventLogUsageStore clickHouseUsageStore(AppConfig.UsageStore settings, PostgresAdapter pg,
                                                           Deque<AutoCloseable> resources) {
        String url = settings.clickHouseUrl().orElseThrow();
        try (ClickHouse admin = new ClickHouse(url, settings.clickHouseUser(), settings.clickHousePassword(), "default")) {
            admin.execute("CREATE DATABASE IF NOT EXISTS " + settings.clickHouseDatabase()
                    + settings.clickHouseCluster().map(c -> " ON CLUSTER " + c).orElse(""));
        } catch (RuntimeException e) {
            throw new ConfigException(List.of("ClickHouse at CLICKHOUSE_URL=" + EnvConfig.withoutCredentials(url)
                    + " does not answer (" + e.getMessage() + ")"));
        }
        ClickHouse clickHouse = new ClickHouse(url, settings.clickHouseUser(), settings.clickHousePassword(),
                settings.clickHouseDatabase());
        resources.push(clickHouse);
        List<Integer> applied = new ClickHouseSchema(settings.clickHouseCluster()).migrate(clickHouse);
        if (!applied.isEmpty()) {
            log.info("ClickHouse schema migrations applied: {}", applied);
        }
        ClickHouseTransactions units = new ClickHouseTransactions(clickHouse);
        return new EventLogUsageStore(pg.usageEventClaims(), new ClickHouseUsageEventStore(clickHouse, units),
                pg.transactions(), units);
    }

    private static StripeConfig stripeConfig(AppConfig config, String apiKey) {
        StripeConfig stripe = StripeConfig.of(apiKey, config.stripePrices(), config.stripeMeters())
                .withNetwork(config.stripeNetwork().connectTimeout(), config.stripeNetwork().readTimeout(),
                        config.stripeNetwork().maxNetworkRetries());
        return config.stripeApiBase().map(stripe::withApiBase).orElse(stripe);
    }

    private static void warnAboutUnpricedPlans(Catalog catalog, StripeConfig stripe) {
        for (Plan plan : catalog.plans()) {
            if (!stripe.planPrices().containsKey(plan.code())) {
                log.warn("STRIPE_PRICE_{} is not set: subscribing to plan {} through Stripe will fail",
                        EnvConfig.variablePart(plan.code().value()), plan.code());
            }
        }
    }

    /** The HTTP port actually bound. */
    public int port() {
        return server.port();
    }

    /** The wired use cases (for embedders and tests). */
    public BillingServices services() {
        return services;
    }

    /**
     * Graceful stop, idempotent: the HTTP server stops accepting connections and lets the requests in flight
     * finish (up to {@code SHUTDOWN_DRAIN_TIMEOUT}), then the scheduler stops, then the pool and the database.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("BillKit shutting down: draining HTTP requests (up to {})", drainTimeout);
        try {
            server.stop(drainTimeout);
        } catch (RuntimeException e) {
            log.warn("the HTTP server did not stop cleanly", e);
        }
        closeAll(resources);
        log.info("BillKit stopped");
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("failed to close {}", resource, e);
            }
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The build version from {@code billkit.properties} (filtered by Maven), {@code dev} when absent. */
    static String version() {
        try (InputStream in = BillKitApplication.class.getResourceAsStream("/billkit.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "dev");
            return version.contains("${") ? "dev" : version;
        } catch (IOException e) {
            return "dev";
        }
    }

    /** Only for tests and embedders that parse a custom environment. */
    static BillKitApplication start(Map<String, String> env, PrintStream console) {
        return start(EnvConfig.parse(env), console);
    }
}
