package io.billkit.bootstrap;

import io.billkit.adapter.http.HttpConfig;
import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.seed.SeedCatalogs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
        if (databaseUrl.isPresent() && !databaseUrl.get().startsWith("jdbc:postgresql:")
                && !databaseUrl.get().startsWith("postgres")) {
            problems.add("DATABASE_URL must be a PostgreSQL URL (jdbc:postgresql://host/db or postgres://...) but was '"
                    + databaseUrl.get() + "'");
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
        try {
            SeedCatalogs.named(catalog);
        } catch (BillingException e) {
            problems.add("BILLING_CATALOG must be apex, credits or mortgage but was '" + catalog + "'");
        }
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

        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new AppConfig(host, port, databaseUrl, stripeKey, webhookSecret, jwtSecret, jwtPublicKey, jwtIssuer,
                catalog, features,
                new HttpConfig.RateLimits(billingRequests, billingWindow, ingestionRequests, ingestionWindow),
                maxRequestBytes, demoData);
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
}
