package io.billkit.bootstrap;

import io.billkit.adapter.http.BillKitHttpServer;
import io.billkit.adapter.http.HttpConfig;
import io.billkit.adapter.http.HttpDependencies;
import io.billkit.adapter.http.HttpMetrics;
import io.billkit.adapter.http.ReadinessCheck;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The BillKit service: reads the configuration from the environment ({@link EnvConfig}), wires the
 * adapters with plain constructor calls, starts the HTTP API and stops everything on JVM shutdown.
 *
 * <p>Run with {@code java -jar bootstrap/target/billkit.jar}; with nothing set it listens on 8080 with
 * in-memory stores, the mock payment provider, a random HS256 secret and demo credentials printed to stdout.
 */
public final class BillKitApplication implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BillKitApplication.class);

    private final BillKitHttpServer server;
    private final Deque<AutoCloseable> resources;
    private boolean closed;

    private BillKitApplication(BillKitHttpServer server, Deque<AutoCloseable> resources) {
        this.server = server;
        this.resources = resources;
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
        BillKitApplication app = start(config, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "billkit-shutdown"));
    }

    /** Wires and starts the service; {@code console} receives the demo credentials. */
    public static BillKitApplication start(AppConfig config, PrintStream console) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(console, "console");
        Clock clock = Clock.systemUTC();
        Deque<AutoCloseable> resources = new ArrayDeque<>();

        Catalog catalog = SeedCatalogs.named(config.catalog());
        config.databaseUrl().ifPresent(url ->
                log.warn("DATABASE_URL is set but the PostgreSQL adapter is not wired yet; using in-memory stores"));
        config.stripeSecretKey().ifPresent(key ->
                log.warn("STRIPE_SECRET_KEY is set but the Stripe adapter is not wired yet; using the mock provider"));
        InMemoryAdapters adapters = InMemoryAdapters.create(clock);

        Optional<String> hmacSecret = config.jwtSecret();
        if (hmacSecret.isEmpty() && config.jwtPublicKeyPem().isEmpty()) {
            hmacSecret = Optional.of(randomSecret());
            log.warn("JWT_SECRET is not set: generated a random HS256 secret; tokens stop working on restart");
        }
        HttpConfig.JwtSettings jwt = hmacSecret
                .map(secret -> HttpConfig.JwtSettings.hs256(secret, config.jwtIssuer()))
                .orElseGet(() -> HttpConfig.JwtSettings.rs256(config.jwtPublicKeyPem().orElseThrow(), config.jwtIssuer()));
        HttpConfig http = new HttpConfig(config.host(), config.port(), config.maxRequestBytes(), config.features(),
                new HttpConfig.ServiceInfo("BillKit", version(), catalog.name(), "mock"),
                jwt, config.rateLimits());
        HttpDependencies deps = new HttpDependencies(adapters.apiKeys(), ReadinessCheck.alwaysReady(),
                new HttpMetrics(), clock);

        BillKitHttpServer server = new BillKitHttpServer(http, deps).start();
        resources.push(server);
        log.info("BillKit started: catalog={}, billingEnabled={}, paymentProvider=mock, stores=in-memory",
                catalog.name(), config.features().billingEnabled());

        if (config.demoData()) {
            DemoData.seed(adapters.customers(), adapters.apiKeys(), hmacSecret, config.jwtIssuer(), clock,
                    server.port(), console);
        }
        return new BillKitApplication(server, resources);
    }

    /** The HTTP port actually bound. */
    public int port() {
        return server.port();
    }

    /** Stops the HTTP server, then closes the other resources, newest first. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("BillKit shutting down");
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
