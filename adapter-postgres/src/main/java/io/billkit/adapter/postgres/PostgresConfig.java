package io.billkit.adapter.postgres;

import io.billkit.domain.BillingException;

import java.nio.file.Path;
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
 */
public record PostgresConfig(Optional<String> databaseUrl, Path dataDirectory, int embeddedPort, int maxPoolSize) {

    /** Default data directory of the embedded server, relative to the working directory. */
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of("data", "postgres");
    /** Default size of the application connection pool. */
    public static final int DEFAULT_POOL_SIZE = 10;

    public PostgresConfig {
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        databaseUrl.ifPresent(DatabaseUrl::parse);
        BillingException.require(embeddedPort >= 0 && embeddedPort <= 65_535,
                "embeddedPort must be in 0..65535 but was " + embeddedPort);
        BillingException.require(maxPoolSize >= 1 && maxPoolSize <= 500,
                "maxPoolSize must be in 1..500 but was " + maxPoolSize);
    }

    /** An external server at {@code url} (see the accepted forms above). */
    public static PostgresConfig external(String url) {
        return new PostgresConfig(Optional.of(url), DEFAULT_DATA_DIRECTORY, 0, DEFAULT_POOL_SIZE);
    }

    /** An embedded server keeping its data in {@code dataDirectory}, on any free port. */
    public static PostgresConfig embedded(Path dataDirectory) {
        return new PostgresConfig(Optional.empty(), dataDirectory, 0, DEFAULT_POOL_SIZE);
    }

    /**
     * Reads {@code DATABASE_URL} (blank = embedded), {@code BILLKIT_POSTGRES_DATA_DIR} (default
     * {@code ./data/postgres}), {@code BILLKIT_POSTGRES_PORT} (default any free port) and
     * {@code BILLKIT_POSTGRES_POOL_SIZE} (default 10) from {@code env}, e.g. {@code System.getenv()}.
     */
    public static PostgresConfig fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        Optional<String> url = Optional.ofNullable(env.get("DATABASE_URL")).map(String::strip).filter(s -> !s.isEmpty());
        Path dir = Optional.ofNullable(env.get("BILLKIT_POSTGRES_DATA_DIR")).filter(s -> !s.isBlank())
                .map(Path::of).orElse(DEFAULT_DATA_DIRECTORY);
        int port = intSetting(env, "BILLKIT_POSTGRES_PORT", 0);
        int pool = intSetting(env, "BILLKIT_POSTGRES_POOL_SIZE", DEFAULT_POOL_SIZE);
        return new PostgresConfig(url, dir, port, pool);
    }

    public PostgresConfig withMaxPoolSize(int size) {
        return new PostgresConfig(databaseUrl, dataDirectory, embeddedPort, size);
    }

    public PostgresConfig withEmbeddedPort(int port) {
        return new PostgresConfig(databaseUrl, dataDirectory, port, maxPoolSize);
    }

    private static int intSetting(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw BillingException.invalid(name + " must be a whole number but was '" + value + "'");
        }
    }
}
