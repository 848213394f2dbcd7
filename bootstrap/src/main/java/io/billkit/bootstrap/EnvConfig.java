package io.billkit.bootstrap;

import io.billkit.adapter.http.HttpConfig;
import io.billkit.adapter.pdf.PdfFormat;
import io.billkit.adapter.postgres.PostgresConfig;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.service.ClosePeriodService;
import io.billkit.application.service.SellerProfile;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.TaxId;
import io.billkit.domain.customer.TaxIdType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link AppConfig} from environment variables. Every bad value is reported at once, naming the
 * variable, what it holds and what is expected. Booleans accept {@code true/false/yes/no/on/off/1/0};
 * durations accept {@code 90s}, {@code 15m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT15M}).
 */
public final class EnvConfig {
    /** How often the scheduler closes periods when {@code PERIOD_CLOSE_INTERVAL} is unset. */
    public static final Duration DEFAULT_PERIOD_CLOSE_INTERVAL = Duration.ofMinutes(5);
    /** How often the scheduler sends outbound webhooks when {@code WEBHOOK_DELIVERY_INTERVAL} is unset. */
    public static final Duration DEFAULT_WEBHOOK_DELIVERY_INTERVAL = Duration.ofSeconds(30);
    /** How long SIGTERM waits for requests in flight when {@code SHUTDOWN_DRAIN_TIMEOUT} is unset. */
    public static final Duration DEFAULT_SHUTDOWN_DRAIN_TIMEOUT = Duration.ofSeconds(20);
    /** The levels {@code LOG_LEVEL} accepts (case-insensitive). */
    static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    private EnvConfig(Map<String, String> env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    /** The configuration in {@code env} (e.g. {@code System.getenv()}); throws {@link ConfigException}. */
    public static AppConfig parse(Map<String, String> env) {
        return new EnvConfig(env).read();
    }

    private AppConfig read() {
        String host = text("HOST").orElse("0.0.0.0");
        int port = (int) number("PORT", 8080, 0, 65_535);
        Optional<String> databaseUrl = text("DATABASE_URL");
        boolean postgresUrl = databaseUrl.isEmpty() || databaseUrl.get().startsWith("jdbc:postgresql:")
                || databaseUrl.get().startsWith("postgres");
        if (!postgresUrl) {
            problems.add("DATABASE_URL must be a PostgreSQL URL (jdbc:postgresql://host/db or postgres://...) but was '"
                    + withoutCredentials(databaseUrl.get()) + "'");
        }
        Optional<String> stripeKey = text("STRIPE_SECRET_KEY");
        stripeKey.filter(k -> !k.startsWith("sk_") && !k.startsWith("rk_")).ifPresent(k ->
                problems.add("STRIPE_SECRET_KEY must start with sk_ or rk_"));
        Optional<String> webhookSecret = text("STRIPE_WEBHOOK_SECRET");
        webhookSecret.filter(s -> !s.startsWith("whsec_")).ifPresent(s ->
                problems.add("STRIPE_WEBHOOK_SECRET must start with whsec_"));
        Optional<String> jwtSecret = text("JWT_SECRET");
        Optional<String> jwtPublicKey = text("JWT_PUBLIC_KEY");
        if (jwtSecret.isPresent() && jwtPublicKey.isPresent()) {
            problems.add("set JWT_SECRET (HS256) or JWT_PUBLIC_KEY (RS256), not both");
        }
        jwtSecret.filter(s -> s.getBytes(StandardCharsets.UTF_8).length < HttpConfig.JwtSettings.MIN_HMAC_SECRET_BYTES)
                .ifPresent(s -> problems.add("JWT_SECRET must be at least " + HttpConfig.JwtSettings.MIN_HMAC_SECRET_BYTES
                        + " bytes long but has " + s.getBytes(StandardCharsets.UTF_8).length));
        jwtPublicKey.filter(k -> !k.contains("BEGIN PUBLIC KEY")).ifPresent(k ->
                problems.add("JWT_PUBLIC_KEY must be a PEM public key (-----BEGIN PUBLIC KEY-----)"));
        Optional<String> jwtIssuer = text("JWT_ISSUER");
        String catalog = text("BILLING_CATALOG").orElse("apex").toLowerCase(Locale.ROOT);
        Optional<Catalog> seed = Optional.empty();
        try {
            seed = Optional.of(SeedCatalogs.named(catalog));
        } catch (BillingException e) {
            problems.add("BILLING_CATALOG must be apex, credits or mortgage but was '" + catalog + "'");
        }
        AppConfig.Storage storage = AppConfig.Storage.POSTGRES;
        Optional<String> storageName = text("BILLKIT_STORAGE");
        if (storageName.isPresent()) {
            try {
                storage = AppConfig.Storage.valueOf(storageName.get().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("BILLKIT_STORAGE must be postgres or memory but was '" + storageName.get() + "'");
            }
        }
        PostgresConfig postgres = PostgresConfig.embedded(PostgresConfig.DEFAULT_DATA_DIRECTORY);
        try {
            if (postgresUrl) {
                postgres = PostgresConfig.fromEnvironment(env);
            }
        } catch (BillingException e) {
            problems.add(e.getMessage());
        }
        Optional<String> stripeApiBase = text("STRIPE_API_BASE");
        stripeApiBase.filter(b -> !b.startsWith("https://") && !b.startsWith("http://")).ifPresent(b ->
                problems.add("STRIPE_API_BASE must be an http(s) URL but was '" + b + "'"));
        if (webhookSecret.isPresent() && stripeKey.isEmpty()) {
            problems.add("STRIPE_WEBHOOK_SECRET needs STRIPE_SECRET_KEY (events are mapped with the Stripe price ids)");
        }
        Map<PlanCode, String> stripePrices = new LinkedHashMap<>();
        Map<MeterKey, String> stripeMeters = new LinkedHashMap<>();
        seed.ifPresent(c -> {
            stripePrices.putAll(ids("STRIPE_PRICE_", c.plans().stream().map(p -> p.code()).toList(), PlanCode::value,
                    "plan", c.name()));
            stripeMeters.putAll(ids("STRIPE_METER_", c.meters().stream().map(m -> m.key()).toList(), MeterKey::value,
                    "meter", c.name()));
        });
        AppConfig.StripeNetwork stripeDefaults = AppConfig.StripeNetwork.DEFAULTS;
        AppConfig.StripeNetwork stripeNetwork = new AppConfig.StripeNetwork(
                duration("STRIPE_CONNECT_TIMEOUT", stripeDefaults.connectTimeout()),
                duration("STRIPE_READ_TIMEOUT", stripeDefaults.readTimeout()),
                (int) number("STRIPE_MAX_NETWORK_RETRIES", stripeDefaults.maxNetworkRetries(), 0, 10));
        SellerProfile defaultSeller = BillingSettings.defaults().seller();
        List<String> sellerAddress = text("SELLER_ADDRESS")
                .map(a -> Arrays.stream(a.split("\\|")).map(String::trim).filter(l -> !l.isEmpty()).toList())
                .orElse(defaultSeller.addressLines());
        SellerProfile seller = defaultSeller;
        try {
            seller = SellerProfile.of(text("SELLER_NAME").orElse(defaultSeller.name()), sellerAddress,
                    text("SELLER_EMAIL").orElse(defaultSeller.email()));
        } catch (BillingException e) {
            problems.add("SELLER_NAME/SELLER_ADDRESS/SELLER_EMAIL: " + e.getMessage());
        }
        seller = sellerExtras(seller);
        Duration periodCloseInterval = duration("PERIOD_CLOSE_INTERVAL", DEFAULT_PERIOD_CLOSE_INTERVAL);
        Duration periodCloseGrace = duration("PERIOD_CLOSE_GRACE", ClosePeriodService.Settings.DEFAULT_GRACE);
        Duration webhookDeliveryInterval = duration("WEBHOOK_DELIVERY_INTERVAL", DEFAULT_WEBHOOK_DELIVERY_INTERVAL);
        int webhookDeliveryConcurrency = (int) number("WEBHOOK_DELIVERY_CONCURRENCY",
                io.billkit.application.service.DeliverWebhooksService.Settings.DEFAULT_CONCURRENCY, 1, 1024);
        Duration webhookDeliveryLogRetention = duration("WEBHOOK_DELIVERY_LOG_RETENTION",
                io.billkit.application.port.in.webhook.PruneWebhookDeliveryLogUseCase.DEFAULT_RETENTION);
        HttpConfig.Features features = new HttpConfig.Features(
                bool("BILLING_ENABLED", true),
                bool("TRANSPARENCY_ENABLED", true),
                bool("FRAUD_DETECTION_ENABLED", false),
                bool("AB_TESTING_ENABLED", false));
        HttpConfig.RateLimits defaults = HttpConfig.RateLimits.defaults();
        long billingRequests = number("RATE_LIMIT_BILLING_REQUESTS", defaults.billingRequests(), 1, Long.MAX_VALUE);
        Duration billingWindow = duration("RATE_LIMIT_BILLING_WINDOW", defaults.billingWindow());
        long ingestionRequests = number("RATE_LIMIT_INGESTION_REQUESTS", defaults.ingestionRequests(), 1, Long.MAX_VALUE);
        Duration ingestionWindow = duration("RATE_LIMIT_INGESTION_WINDOW", defaults.ingestionWindow());
        long maxRequestBytes = number("MAX_REQUEST_BYTES", HttpConfig.DEFAULT_MAX_REQUEST_BYTES, 1, Integer.MAX_VALUE);
        boolean demoData = bool("DEMO_DATA", databaseUrl.isEmpty());
        java.util.Set<String> webhookPrivateHosts = text("WEBHOOK_ALLOW_PRIVATE_HOSTS")
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(h -> !h.isEmpty())
                        .collect(java.util.stream.Collectors.toUnmodifiableSet()))
                .orElse(java.util.Set.of());
        Duration shutdownDrainTimeout = duration("SHUTDOWN_DRAIN_TIMEOUT", DEFAULT_SHUTDOWN_DRAIN_TIMEOUT);
        HttpConfig.Browser browser = browser();
        PdfFormat invoicePdfFormat = invoicePdfFormat(seller);
        text("LOG_LEVEL").filter(level -> !LOG_LEVELS.contains(level.toUpperCase(Locale.ROOT))).ifPresent(level ->
                problems.add("LOG_LEVEL must be one of " + String.join(", ", LOG_LEVELS) + " but was '" + level + "'"));
        text("LOG_FORMAT").filter(format -> LogFormat.parse(format).isEmpty()).ifPresent(format ->
                problems.add("LOG_FORMAT must be text or json but was '" + format + "'"));

        AppConfig.UsageStore usageStore = usageStore(storage);

        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new AppConfig(host, port, storage, postgres, databaseUrl, stripeKey, webhookSecret, stripeApiBase,
                stripePrices, stripeMeters, stripeNetwork, jwtSecret, jwtPublicKey, jwtIssuer, catalog, features,
                new HttpConfig.RateLimits(billingRequests, billingWindow, ingestionRequests, ingestionWindow),
                maxRequestBytes, seller, periodCloseInterval, periodCloseGrace, webhookDeliveryInterval, demoData,
                webhookPrivateHosts, shutdownDrainTimeout, browser, usageStore, invoicePdfFormat,
                webhookDeliveryConcurrency, webhookDeliveryLogRetention);
    }

    /** {@code CSRF_SECRET} (at least 32 bytes) and {@code COOKIE_SECURE} ({@code auto} or {@code always}). */
    private HttpConfig.Browser browser() {
        Optional<String> csrfSecret = text("CSRF_SECRET");
        csrfSecret.filter(s -> s.getBytes(StandardCharsets.UTF_8).length < HttpConfig.Browser.MIN_CSRF_SECRET_BYTES)
                .ifPresent(s -> problems.add("CSRF_SECRET must be at least " + HttpConfig.Browser.MIN_CSRF_SECRET_BYTES
                        + " bytes long"));
        String cookieSecure = text("COOKIE_SECURE").orElse("auto").toLowerCase(Locale.ROOT);
        if (!cookieSecure.equals("auto") && !cookieSecure.equals("always")) {
            problems.add("COOKIE_SECURE must be auto or always but was '" + cookieSecure + "'");
        }
        if (!problems.isEmpty()) {
            return HttpConfig.Browser.defaults();
        }
        return new HttpConfig.Browser(csrfSecret, cookieSecure.equals("always"));
    }

    /** {@code USAGE_STORE} and, for ClickHouse, {@code CLICKHOUSE_*} (see {@link AppConfig.UsageStore}). */
    private AppConfig.UsageStore usageStore(AppConfig.Storage storage) {
        AppConfig.UsageStore defaults = AppConfig.UsageStore.POSTGRES;
        String kindName = text("USAGE_STORE").orElse("postgres").toLowerCase(Locale.ROOT);
        Duration shipInterval = duration("USAGE_SHIP_INTERVAL", defaults.shipInterval());
        if (kindName.equals("postgres")) {
            return defaults;
        }
        if (!kindName.equals("clickhouse")) {
            problems.add("USAGE_STORE must be postgres or clickhouse but was '" + kindName + "'");
            return defaults;
        }
        if (storage != AppConfig.Storage.POSTGRES) {
            problems.add("USAGE_STORE=clickhouse needs BILLKIT_STORAGE=postgres (the event-id claims and quota "
                    + "counters live in PostgreSQL)");
        }
        Optional<String> url = text("CLICKHOUSE_URL");
        if (url.isEmpty()) {
            problems.add("USAGE_STORE=clickhouse needs CLICKHOUSE_URL (e.g. http://127.0.0.1:8123)");
            return defaults;
        }
        java.net.URI uri;
        try {
            uri = java.net.URI.create(url.get());
        } catch (IllegalArgumentException e) {
            problems.add("CLICKHOUSE_URL must be an http(s) URL but was '" + withoutCredentials(url.get()) + "'");
            return defaults;
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            problems.add("CLICKHOUSE_URL must be an http(s) URL but was '" + withoutCredentials(url.get()) + "'");
            return defaults;
        }
        String[] userInfo = uri.getRawUserInfo() == null ? new String[0] : uri.getRawUserInfo().split(":", 2);
        String user = text("CLICKHOUSE_USER").orElse(userInfo.length > 0 && !userInfo[0].isEmpty()
                ? java.net.URLDecoder.decode(userInfo[0], java.nio.charset.StandardCharsets.UTF_8) : "default");
        String password = text("CLICKHOUSE_PASSWORD").orElse(userInfo.length > 1
                ? java.net.URLDecoder.decode(userInfo[1], java.nio.charset.StandardCharsets.UTF_8) : "");
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        String database = text("CLICKHOUSE_DATABASE").orElse(path.isEmpty() ? "billkit" : path);
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            problems.add("CLICKHOUSE_DATABASE must be a plain identifier (letters, digits, _) but was '" + database + "'");
        }
        Optional<String> cluster = text("CLICKHOUSE_CLUSTER");
        cluster.filter(c -> !c.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")).ifPresent(c ->
                problems.add("CLICKHOUSE_CLUSTER must be a plain identifier but was '" + c + "'"));
        String endpoint = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return new AppConfig.UsageStore(AppConfig.UsageStore.Kind.CLICKHOUSE, Optional.of(endpoint), user, password,
                database, cluster, shipInterval);
    }

    /** INVOICE_PDF_FORMAT: {@code pdf}, {@code pdfa-3} or {@code factur-x} (which needs the seller's country and tax id). */
    private PdfFormat invoicePdfFormat(SellerProfile seller) {
        Optional<String> value = text("INVOICE_PDF_FORMAT");
        if (value.isEmpty()) {
            return PdfFormat.PDF;
        }
        try {
            PdfFormat format = PdfFormat.of(value.get());
            if (format == PdfFormat.FACTUR_X && (seller.countryCode().isBlank() || seller.taxId().isEmpty())) {
                problems.add("INVOICE_PDF_FORMAT=factur-x needs SELLER_COUNTRY and SELLER_TAX_ID (an EN 16931 invoice names"
                        + " the seller's country and tax registration)");
            }
            return format;
        } catch (IllegalArgumentException e) {
            problems.add("INVOICE_PDF_FORMAT " + e.getMessage());
            return PdfFormat.PDF;
        }
    }

    /**
     * Provider ids per catalog entry from variables {@code <prefix><CODE>} (the code upper-cased, anything but
     * letters and digits as {@code _}); a variable with the prefix that names no entry is a problem.
     */
    private <K> Map<K, String> ids(String prefix, List<K> keys, java.util.function.Function<K, String> code,
                                   String what, String catalogName) {
        Map<String, K> byVariable = new LinkedHashMap<>();
        keys.forEach(k -> byVariable.put(prefix + variablePart(code.apply(k)), k));
        Map<K, String> ids = new LinkedHashMap<>();
        env.keySet().stream().filter(name -> name.startsWith(prefix)).sorted().forEach(name -> {
            K key = byVariable.get(name);
            if (key == null) {
                problems.add(name + " names no " + what + " of catalog " + catalogName + " (expected one of "
                        + String.join(", ", byVariable.keySet()) + ")");
            } else {
                text(name).ifPresent(id -> ids.put(key, id));
            }
        });
        return ids;
    }

    /**
     * SELLER_TAX_ID ({@code vat:DE123456789}, {@code gst:...}, {@code jp_registration:T...}, or a bare number as
     * {@code other}), SELLER_COUNTRY (ISO alpha-2), SELLER_LOGO_FILE (PNG/JPEG path), SELLER_PAYMENT_INSTRUCTIONS
     * (lines separated by {@code |}) and INVOICE_FOOTER.
     */
    private SellerProfile sellerExtras(SellerProfile seller) {
        SellerProfile result = seller;
        Optional<String> taxId = text("SELLER_TAX_ID");
        if (taxId.isPresent()) {
            String raw = taxId.get();
            int colon = raw.indexOf(':');
            try {
                result = result.withTaxId(colon < 0 ? TaxId.of(TaxIdType.OTHER, raw)
                        : TaxId.of(TaxIdType.parse(raw.substring(0, colon)), raw.substring(colon + 1)));
            } catch (BillingException e) {
                problems.add("SELLER_TAX_ID: " + e.getMessage());
            }
        }
        Optional<String> country = text("SELLER_COUNTRY").map(c -> c.toUpperCase(Locale.ROOT));
        if (country.isPresent()) {
            try {
                result = result.withCountryCode(country.get());
            } catch (BillingException e) {
                problems.add("SELLER_COUNTRY: " + e.getMessage());
            }
        }
        Optional<String> logo = text("SELLER_LOGO_FILE");
        if (logo.isPresent()) {
            try {
                byte[] bytes = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(logo.get()));
                if (bytes.length > 2 * 1024 * 1024) {
                    problems.add("SELLER_LOGO_FILE must be at most 2 MB but " + logo.get() + " has " + bytes.length + " bytes");
                } else {
                    result = result.withLogo(bytes);
                }
            } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
                problems.add("SELLER_LOGO_FILE cannot be read: " + logo.get() + " (" + e.getMessage() + ")");
            }
        }
        List<String> instructions = text("SELLER_PAYMENT_INSTRUCTIONS")
                .map(a -> Arrays.stream(a.split("\\|")).map(String::trim).filter(l -> !l.isEmpty()).toList())
                .orElse(List.of());
        return result.withPaymentInstructions(instructions).withFooter(text("INVOICE_FOOTER").orElse(""));
    }

    /** {@code data_transfer_gb -> DATA_TRANSFER_GB}. */
    static String variablePart(String code) {
        return code.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private Optional<String> text(String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private long number(String name, long fallback, long min, long max) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.get().replace("_", ""));
            if (parsed < min || parsed > max) {
                problems.add(name + " must be in " + min + ".." + max + " but was " + parsed);
                return fallback;
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.add(name + " must be a whole number but was '" + value.get() + "'");
            return fallback;
        }
    }

    private boolean bool(String name, boolean fallback) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return fallback;
        }
        switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> {
                return true;
            }
            case "false", "no", "off", "0" -> {
                return false;
            }
            default -> {
                problems.add(name + " must be true or false but was '" + value.get() + "'");
                return fallback;
            }
        }
    }

    private Duration duration(String name, Duration fallback) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return fallback;
        }
        String raw = value.get().toLowerCase(Locale.ROOT);
        Duration parsed = null;
        Matcher m = SIMPLE_DURATION.matcher(raw);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            parsed = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } else {
            try {
                parsed = Duration.parse(value.get().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                problems.add(name + " must be a duration such as 15m, 1h or PT15M but was '" + value.get() + "'");
                return fallback;
            }
        }
        if (parsed.isZero() || parsed.isNegative()) {
            problems.add(name + " must be positive but was '" + value.get() + "'");
            return fallback;
        }
        return parsed;
    }

    /** {@code url} with {@code user:password@} and {@code password=} values masked, for messages that are logged. */
    static String withoutCredentials(String url) {
        return url.replaceAll("//[^@/]*@", "//***@").replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
