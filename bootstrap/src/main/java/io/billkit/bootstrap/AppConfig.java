package io.billkit.bootstrap;

import io.billkit.adapter.http.HttpConfig;
import io.billkit.adapter.pdf.PdfFormat;
import io.billkit.adapter.postgres.PostgresConfig;
import io.billkit.adapter.stripe.StripeConfig;
import io.billkit.application.service.SellerProfile;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Optional;

/**
 * The service's configuration, as read by {@link EnvConfig} from environment variables. Optional values
 * are empty when the variable is unset or blank.
 *
 * @param host                interface to bind ({@code HOST}, default {@code 0.0.0.0})
 * @param port                HTTP port ({@code PORT}, default 8080; 0 = any free port)
 * @param storage             where state lives ({@code BILLKIT_STORAGE}: {@code postgres}, the default, or
 *                            {@code memory} for a throw-away instance)
 * @param postgres            the PostgreSQL to use: {@code DATABASE_URL}, or an embedded server with data in
 *                            {@code BILLKIT_POSTGRES_DATA_DIR} (default {@code ./data/postgres}); also
 *                            {@code BILLKIT_POSTGRES_PORT}, {@code BILLKIT_POSTGRES_POOL_SIZE}
 * @param databaseUrl         {@code DATABASE_URL} as given (empty = embedded PostgreSQL)
 * @param stripeSecretKey     {@code STRIPE_SECRET_KEY}; empty = the mock payment provider
 * @param stripeWebhookSecret {@code STRIPE_WEBHOOK_SECRET}; empty = inbound webhooks answer 503
 * @param stripeApiBase       {@code STRIPE_API_BASE} (default Stripe's production API)
 * @param stripePrices        plan -> Stripe price id, from {@code STRIPE_PRICE_<PLAN>} (e.g. {@code STRIPE_PRICE_GROWTH})
 * @param stripeMeters        meter -> Stripe meter id, from {@code STRIPE_METER_<METER>} (e.g. {@code STRIPE_METER_API_CALLS})
 * @param stripeNetwork       {@code STRIPE_CONNECT_TIMEOUT} (default 5 s), {@code STRIPE_READ_TIMEOUT} (default 30 s),
 *                            {@code STRIPE_MAX_NETWORK_RETRIES} (default 2, each with the same idempotency key)
 * @param jwtSecret           HS256 secret ({@code JWT_SECRET}, at least 32 bytes); when it and
 *                            {@code jwtPublicKeyPem} are both empty a random secret is generated at start
 * @param jwtPublicKeyPem     RS256 public key in PEM ({@code JWT_PUBLIC_KEY})
 * @param jwtIssuer           required {@code iss} of session tokens ({@code JWT_ISSUER})
 * @param catalog             seed catalog name ({@code BILLING_CATALOG}: apex, credits or mortgage)
 * @param features            {@code BILLING_ENABLED}, {@code TRANSPARENCY_ENABLED},
 *                            {@code FRAUD_DETECTION_ENABLED}, {@code AB_TESTING_ENABLED}
 * @param rateLimits          {@code RATE_LIMIT_BILLING_REQUESTS}/{@code _WINDOW},
 *                            {@code RATE_LIMIT_INGESTION_REQUESTS}/{@code _WINDOW}
 * @param maxRequestBytes     {@code MAX_REQUEST_BYTES} (default 1 MiB)
 * @param seller              who issues the invoices: {@code SELLER_NAME}, {@code SELLER_ADDRESS} (lines separated
 *                            by {@code |}), {@code SELLER_EMAIL}
 * @param periodCloseInterval how often the scheduler closes ended periods and evaluates usage alerts
 *                            ({@code PERIOD_CLOSE_INTERVAL}, default 5 minutes)
 * @param periodCloseGrace    how long after a period ends its invoice waits for late events
 *                            ({@code PERIOD_CLOSE_GRACE}, default 1 hour)
 * @param webhookDeliveryInterval how often the scheduler sends outbound webhooks
 *                            ({@code WEBHOOK_DELIVERY_INTERVAL}, default 30 seconds)
 * @param demoData            {@code DEMO_DATA}: create a demo customer with a subscription, an API key and tokens
 *                            at start (default: true when there is no {@code DATABASE_URL})
 * @param webhookPrivateHosts {@code WEBHOOK_ALLOW_PRIVATE_HOSTS}: comma-separated hosts exempt from the outbound
 *                            webhook SSRF guard (local development and tests only; default none)
 * @param shutdownDrainTimeout on SIGTERM, how long requests in flight may take to finish after the server stopped
 *                            accepting connections ({@code SHUTDOWN_DRAIN_TIMEOUT}, default 20 seconds)
 * @param browser             browser sessions: {@code CSRF_SECRET} (key of the session-bound CSRF tokens) and
 *                            {@code COOKIE_SECURE} ({@code auto} or {@code always})
 * @param usageStore          where usage events live ({@code USAGE_STORE}: {@code postgres}, the default, or
 *                            {@code clickhouse} with {@code CLICKHOUSE_URL} and friends; see {@link UsageStore})
 * @param invoicePdfFormat    {@code INVOICE_PDF_FORMAT}: plain PDF (default), PDF/A-3b or Factur-X
 * @param webhookDeliveryConcurrency {@code WEBHOOK_DELIVERY_CONCURRENCY}: threads of the outbound webhook pool,
 *                            i.e. endpoints sent to at once (default 8)
 * @param webhookDeliveryLogRetention {@code WEBHOOK_DELIVERY_LOG_RETENTION}: delivery-log entries older than this
 *                            are pruned by the scheduler (default 30 days)
 */
public record AppConfig(String host, int port, Storage storage, PostgresConfig postgres, Optional<String> databaseUrl,
                        Optional<String> stripeSecretKey, Optional<String> stripeWebhookSecret,
                        Optional<String> stripeApiBase, Map<PlanCode, String> stripePrices,
                        Map<MeterKey, String> stripeMeters, StripeNetwork stripeNetwork, Optional<String> jwtSecret,
                        Optional<String> jwtPublicKeyPem, Optional<String> jwtIssuer, String catalog,
                        HttpConfig.Features features, HttpConfig.RateLimits rateLimits, long maxRequestBytes,
                        SellerProfile seller, Duration periodCloseInterval, Duration periodCloseGrace,
                        Duration webhookDeliveryInterval, boolean demoData, Set<String> webhookPrivateHosts,
                        Duration shutdownDrainTimeout, HttpConfig.Browser browser, UsageStore usageStore,
                        PdfFormat invoicePdfFormat, int webhookDeliveryConcurrency,
                        Duration webhookDeliveryLogRetention) {

    /** Where the service keeps its state. */
    public enum Storage {
        /** PostgreSQL (external with {@code DATABASE_URL}, else embedded): the system of record. */
        POSTGRES,
        /** In-memory stores: everything is lost on exit (demos, tests). */
        MEMORY
    }

    /**
     * Where usage events live. With {@link Kind#CLICKHOUSE} they go to ClickHouse while PostgreSQL keeps the
     * event-id claims (the deduplication truth), the quota counters and all money ({@code EventLogUsageStore}).
     *
     * @param clickHouseUrl      {@code CLICKHOUSE_URL}, the HTTP endpoint (e.g. {@code http://127.0.0.1:8123});
     *                           user, password and database may be in it ({@code http://user:pw@host:8123/db})
     * @param clickHouseUser     {@code CLICKHOUSE_USER} (else the URL's, else {@code default})
     * @param clickHousePassword {@code CLICKHOUSE_PASSWORD} (else the URL's, else empty)
     * @param clickHouseDatabase {@code CLICKHOUSE_DATABASE} (else the URL's path, else {@code billkit}); created at
     *                           start when missing
     * @param clickHouseCluster  {@code CLICKHOUSE_CLUSTER}: replicated engines and a distributed table ON CLUSTER
     * @param shipInterval       how often unshipped claims are sent to ClickHouse ({@code USAGE_SHIP_INTERVAL},
     *                           default 5 seconds)
     */
    public record UsageStore(Kind kind, Optional<String> clickHouseUrl, String clickHouseUser,
                             String clickHousePassword, String clickHouseDatabase, Optional<String> clickHouseCluster,
                             Duration shipInterval) {
        public static final UsageStore POSTGRES = new UsageStore(Kind.POSTGRES, Optional.empty(), "default", "",
                "billkit", Optional.empty(), Duration.ofSeconds(5));

        public enum Kind {
            POSTGRES,
            CLICKHOUSE
        }

        public UsageStore {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(clickHouseUrl, "clickHouseUrl");
            Objects.requireNonNull(clickHouseUser, "clickHouseUser");
            Objects.requireNonNull(clickHousePassword, "clickHousePassword");
            Objects.requireNonNull(clickHouseDatabase, "clickHouseDatabase");
            Objects.requireNonNull(clickHouseCluster, "clickHouseCluster");
            Objects.requireNonNull(shipInterval, "shipInterval");
        }

        @Override
        public String toString() {
            return kind == Kind.POSTGRES ? "postgres" : "clickhouse " + clickHouseUrl.map(EnvConfig::withoutCredentials)
                    .orElse("?") + "/" + clickHouseDatabase + clickHouseCluster.map(c -> " on cluster " + c).orElse("");
        }
    }

    /** Timeouts and retries of every Stripe call (stripe-java's client settings). */
    public record StripeNetwork(Duration connectTimeout, Duration readTimeout, int maxNetworkRetries) {
        public static final StripeNetwork DEFAULTS = new StripeNetwork(StripeConfig.DEFAULT_CONNECT_TIMEOUT,
                StripeConfig.DEFAULT_READ_TIMEOUT, StripeConfig.DEFAULT_MAX_NETWORK_RETRIES);

        public StripeNetwork {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(readTimeout, "readTimeout");
        }
    }

    public AppConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(postgres, "postgres");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(stripeSecretKey, "stripeSecretKey");
        Objects.requireNonNull(stripeWebhookSecret, "stripeWebhookSecret");
        Objects.requireNonNull(stripeApiBase, "stripeApiBase");
        stripePrices = Map.copyOf(Objects.requireNonNull(stripePrices, "stripePrices"));
        stripeMeters = Map.copyOf(Objects.requireNonNull(stripeMeters, "stripeMeters"));
        Objects.requireNonNull(stripeNetwork, "stripeNetwork");
        Objects.requireNonNull(jwtSecret, "jwtSecret");
        Objects.requireNonNull(jwtPublicKeyPem, "jwtPublicKeyPem");
        Objects.requireNonNull(jwtIssuer, "jwtIssuer");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(periodCloseInterval, "periodCloseInterval");
        Objects.requireNonNull(periodCloseGrace, "periodCloseGrace");
        Objects.requireNonNull(webhookDeliveryInterval, "webhookDeliveryInterval");
        webhookPrivateHosts = Set.copyOf(Objects.requireNonNull(webhookPrivateHosts, "webhookPrivateHosts"));
        Objects.requireNonNull(shutdownDrainTimeout, "shutdownDrainTimeout");
        Objects.requireNonNull(browser, "browser");
        Objects.requireNonNull(usageStore, "usageStore");
        Objects.requireNonNull(invoicePdfFormat, "invoicePdfFormat");
        Objects.requireNonNull(webhookDeliveryLogRetention, "webhookDeliveryLogRetention");
        if (webhookDeliveryConcurrency < 1) {
            throw new IllegalArgumentException("webhookDeliveryConcurrency must be >= 1");
        }
    }

    /** A copy with its usage events in {@code store}. */
    public AppConfig withUsageStore(UsageStore store) {
        return new AppConfig(host, port, storage, postgres, databaseUrl, stripeSecretKey, stripeWebhookSecret,
                stripeApiBase, stripePrices, stripeMeters, stripeNetwork, jwtSecret, jwtPublicKeyPem, jwtIssuer, catalog, features,
                rateLimits, maxRequestBytes, seller, periodCloseInterval, periodCloseGrace, webhookDeliveryInterval,
                demoData, webhookPrivateHosts, shutdownDrainTimeout, browser, store,
                invoicePdfFormat, webhookDeliveryConcurrency, webhookDeliveryLogRetention);
    }

    /** A copy listening on {@code newPort}. */
    public AppConfig withPort(int newPort) {
        return new AppConfig(host, newPort, storage, postgres, databaseUrl, stripeSecretKey, stripeWebhookSecret,
                stripeApiBase, stripePrices, stripeMeters, stripeNetwork, jwtSecret, jwtPublicKeyPem, jwtIssuer, catalog, features,
                rateLimits, maxRequestBytes, seller, periodCloseInterval, periodCloseGrace, webhookDeliveryInterval,
                demoData, webhookPrivateHosts, shutdownDrainTimeout, browser, usageStore, invoicePdfFormat,
                webhookDeliveryConcurrency, webhookDeliveryLogRetention);
    }
}
