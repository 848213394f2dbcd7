package io.billkit.adapter.postgres;

import io.billkit.domain.BillingException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where BillKit's PostgreSQL lives.
 *
 * @param databaseUrl   an external server, as {@code postgresql://user:pass@host:port/db?sslmode=require},
 *                      {@code postgres://...} or {@code jdbc:postgresql://host:port/db?user=..&password=..};
 *                      empty = start an embedded PostgreSQL
 * @param dataDirectory the embedded server's data directory, kept between runs (ignored with a URL)
 * @param embeddedPort  TCP port of the embedded server on localhost; 0 = any free port
 * @param maxPoolSize   connections in the application pool, 1..500
 * @param connectionTimeout how long a request waits for a pooled connection before it fails (and the HTTP API
 *                      answers 503): also the bound on how long requests hang while the database is down;
 *                      250 ms..60 s, default {@link #DEFAULT_CONNECTION_TIMEOUT}
 * @param appPassword   the password of the application's login role {@code billkit_app} (the role the pool logs
 *                      in as; {@code databaseUrl}'s user only runs the migrations at start). Empty = with a URL,
 *                      derived from the URL's password (HMAC-SHA256, so every replica with the same URL agrees and
 *                      the owner's password cannot be recovered from it); embedded, a fresh random one per start
 */
public record PostgresConfig(Optional<String> databaseUrl, Path dataDirectory, int embeddedPort, int maxPoolSize,
                             Duration connectionTimeout, Optional<String> appPassword) {

    /** Default data directory of the embedded server, relative to the working directory. */
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of("data", "postgres");
    /** Default size of the application connection pool. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** Default wait for a pooled connection: 5 s (HikariCP's own default, 30 s, piles up requests in an outage). */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);
    private static final Duration MAX_CONNECTION_TIMEOUT = Duration.ofSeconds(60);

    public PostgresConfig {
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        databaseUrl.ifPresent(DatabaseUrl::parse);
        BillingException.require(embeddedPort >= 0 && embeddedPort <= 65_535,
                "embeddedPort must be in 0..65535 but was " + embeddedPort);
        BillingException.require(maxPoolSize >= 1 && maxPoolSize <= 500,
                "maxPoolSize must be in 1..500 but was " + maxPoolSize);
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(appPassword, "appPassword");
        appPassword.ifPresent(p -> BillingException.require(!p.isBlank() && p.length() <= 200,
                "the application role's password must be 1..200 characters and not blank"));
        BillingException.require(connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) >= 0
                        && connectionTimeout.compareTo(MAX_CONNECTION_TIMEOUT) <= 0,
                "connectionTimeout must be in 250ms..60s but was " + connectionTimeout);
    }

    /** An external server at {@code url} (see the accepted forms above). */
    public static PostgresConfig external(String url) {
        return new PostgresConfig(Optional.of(url), DEFAULT_DATA_DIRECTORY, 0, DEFAULT_POOL_SIZE,
                DEFAULT_CONNECTION_TIMEOUT, Optional.empty());
    }

    /** An embedded server keeping its data in {@code dataDirectory}, on any free port. */
    public static PostgresConfig embedded(Path dataDirectory) {
        return new PostgresConfig(Optional.empty(), dataDirectory, 0, DEFAULT_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT,
                Optional.empty());
    }

    /**
     * Reads {@code DATABASE_URL} (blank = embedded), {@code BILLKIT_POSTGRES_DATA_DIR} (default
     * {@code ./data/postgres}), {@code BILLKIT_POSTGRES_PORT} (default any free port),
     * {@code BILLKIT_POSTGRES_POOL_SIZE} (default 10) and {@code BILLKIT_POSTGRES_CONNECTION_TIMEOUT} (default 5s;
     * {@code 500ms}, {@code 5s} or a number of milliseconds) and {@code BILLKIT_DATABASE_APP_PASSWORD} (see
     * {@link #appPassword()}) from {@code env}, e.g. {@code System.getenv()}. A bad
     * value is reported with the variable's name.
     */
    public static PostgresConfig fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        Optional<String> url = Optional.ofNullable(env.get("DATABASE_URL")).map(String::strip).filter(s -> !s.isEmpty());
        Path dir = Optional.ofNullable(env.get("BILLKIT_POSTGRES_DATA_DIR")).filter(s -> !s.isBlank())
                .map(Path::of).orElse(DEFAULT_DATA_DIRECTORY);
        int port = intSetting(env, "BILLKIT_POSTGRES_PORT", 0, 0, 65_535);
        int pool = intSetting(env, "BILLKIT_POSTGRES_POOL_SIZE", DEFAULT_POOL_SIZE, 1, 500);
        Duration timeout = millisSetting(env, "BILLKIT_POSTGRES_CONNECTION_TIMEOUT", DEFAULT_CONNECTION_TIMEOUT);
        Optional<String> appPassword = Optional.ofNullable(env.get("BILLKIT_DATABASE_APP_PASSWORD"))
                .filter(s -> !s.isEmpty());
        appPassword.ifPresent(p -> BillingException.require(!p.isBlank() && p.length() <= 200,
                "BILLKIT_DATABASE_APP_PASSWORD must be 1..200 characters and not blank"));
        return new PostgresConfig(url, dir, port, pool, timeout, appPassword);
    }

    public PostgresConfig withMaxPoolSize(int size) {
        return new PostgresConfig(databaseUrl, dataDirectory, embeddedPort, size, connectionTimeout, appPassword);
    }

    public PostgresConfig withEmbeddedPort(int port) {
        return new PostgresConfig(databaseUrl, dataDirectory, port, maxPoolSize, connectionTimeout, appPassword);
    }

    public PostgresConfig withConnectionTimeout(Duration timeout) {
        return new PostgresConfig(databaseUrl, dataDirectory, embeddedPort, maxPoolSize, timeout, appPassword);
    }

    /** The same, with the application role's password given (see {@link #appPassword()}). */
    public PostgresConfig withAppPassword(String password) {
        return new PostgresConfig(databaseUrl, dataDirectory, embeddedPort, maxPoolSize, connectionTimeout,
                Optional.of(password));
    }

    /** Never shows the application role's password. */
    @Override
    public String toString() {
        return "PostgresConfig[databaseUrl=" + databaseUrl.map(u -> DatabaseUrl.parse(u).toString()).orElse("(embedded)")
                + ", dataDirectory=" + dataDirectory + ", embeddedPort=" + embeddedPort + ", maxPoolSize=" + maxPoolSize
                + ", connectionTimeout=" + connectionTimeout + ", appPassword=" + (appPassword.isPresent() ? "***" : "(derived)")
                + "]";
    }

    private static int intSetting(Map<String, String> env, String name, int fallback, int min, int max) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw BillingException.invalid(name + " must be a whole number but was '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw BillingException.invalid(name + " must be in " + min + ".." + max + " but was " + parsed);
        }
        return parsed;
    }

    private static Duration millisSetting(Map<String, String> env, String name, Duration fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String raw = value.strip().toLowerCase(Locale.ROOT);
        Duration parsed;
        try {
            if (raw.endsWith("ms")) {
                parsed = Duration.ofMillis(Long.parseLong(raw.substring(0, raw.length() - 2).strip()));
            } else if (raw.endsWith("s")) {
                parsed = Duration.ofSeconds(Long.parseLong(raw.substring(0, raw.length() - 1).strip()));
            } else {
                parsed = Duration.ofMillis(Long.parseLong(raw));
            }
        } catch (NumberFormatException e) {
            throw BillingException.invalid(name + " must be a duration such as 500ms or 5s but was '" + value + "'");
        }
        if (parsed.compareTo(MIN_CONNECTION_TIMEOUT) < 0 || parsed.compareTo(MAX_CONNECTION_TIMEOUT) > 0) {
            throw BillingException.invalid(name + " must be in 250ms..60s but was '" + value + "'");
        }
        return parsed;
    }
}
