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
 */
public record PostgresConfig(Optional<String> databaseUrl, Path dataDirectory, int embeddedPort, int maxPoolSize,
                             Duration connectionTimeout) {

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
        BillingException.require(connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) >= 0
                        && connectionTimeout.compareTo(MAX_CONNECTION_TIMEOUT) <= 0,
                "connectionTimeout must be in 250ms..60s but was " + connectionTimeout);
    }

    /** An external server at {@code url} (see the accepted forms above). */
    public static PostgresConfig external(String url) {
        return new PostgresConfig(Optional.of(url), DEFAULT_DATA_DIRECTORY, 0, DEFAULT_POOL_SIZE,
                DEFAULT_CONNECTION_TIMEOUT);
    }

    /** An embedded server keeping its data in {@code dataDirectory}, on any free port. */
    public static PostgresConfig embedded(Path dataDirectory) {
        return new PostgresConfig(Optional.empty(), dataDirectory, 0, DEFAULT_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT);
    }

    /**
     * Reads {@code DATABASE_URL} (blank = embedded), {@code BILLKIT_POSTGRES_DATA_DIR} (default
     * {@code ./data/postgres}), {@code BILLKIT_POSTGRES_PORT} (default any free port),
     * {@code BILLKIT_POSTGRES_POOL_SIZE} (default 10) and {@code BILLKIT_POSTGRES_CONNECTION_TIMEOUT} (default 5s;
     * {@code 500ms}, {@code 5s} or a number of milliseconds) from {@code env}, e.g. {@code System.getenv()}. A bad
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
        return new PostgresConfig(url, dir, port, pool, timeout);
    }

    public PostgresConfig withMaxPoolSize(int size) {
        return new PostgresConfig(databaseUrl, dataDirectory, embeddedPort, size, connectionTimeout);
    }

    public PostgresConfig withEmbeddedPort(int port) {
        return new PostgresConfig(databaseUrl, dataDirectory, port, maxPoolSize, connectionTimeout);
    }

    public PostgresConfig withConnectionTimeout(Duration timeout) {
        return new PostgresConfig(databaseUrl, dataDirectory, embeddedPort, maxPoolSize, timeout);
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
