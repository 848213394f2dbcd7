package io.billkit.adapter.postgres;

import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One embedded PostgreSQL per test JVM, started on first use in a temporary data directory and
 * stopped (and deleted) when the JVM exits. Tests clean the tables with {@link #truncateAll()}.
 */
final class TestDatabase {
    private static PostgresDatabase database;
    private static PostgresAdapter adapter;
    private static RuntimeException startFailure;

    private TestDatabase() {
    }

    static synchronized PostgresDatabase database() {
        if (startFailure != null) {
            throw new IllegalStateException("the test database did not start", startFailure);
        }
        if (database == null) {
            Path dir = temporaryDirectory("billkit-pg-test");
            try {
                // tests run up to 200 threads on 16 connections on a shared 2-core machine: waiting for a connection
                // may take longer than the service's 5 s (test-only setting; the service keeps its default)
                database = PostgresDatabase.start(PostgresConfig.embedded(dir).withMaxPoolSize(16)
                        .withConnectionTimeout(java.time.Duration.ofSeconds(60)));
            } catch (RuntimeException e) {
                startFailure = e;
                deleteRecursively(dir);
                throw e;
            }
            adapter = new PostgresAdapter(database);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                database.close();
                deleteRecursively(dir);
            }, "billkit-test-postgres-stop"));
        }
        return database;
    }

    static synchronized PostgresAdapter adapter() {
        database();
        return adapter;
    }

    /** Jdbi as the database owner (a superuser here): sees every row, bypasses row-level security. */
    static Jdbi owner() {
        DatabaseUrl url = database().ownerUrl();
        return Jdbi.create(url.jdbcUrl(), url.credentials());
    }

    /** Jdbi on the application pool, acting as billkit_app. */
    static Jdbi app() {
        return database().jdbi();
    }

    static void truncateAll() {
        owner().useHandle(h -> {
            List<String> tables = h.createQuery("""
                            SELECT quote_ident(tablename) FROM pg_tables
                            WHERE schemaname = current_schema() AND tablename <> 'flyway_schema_history'""")
                    .mapTo(String.class).list();
            h.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
        });
    }

    /** The test database's URL as the owner user, for a second, independent connection pool (a replica). */
    static String sameDatabaseUrl() {
        Matcher port = Pattern.compile("//localhost:(\\d+)/").matcher(database().ownerUrl().jdbcUrl());
        if (!port.find()) {
            throw new IllegalStateException("no port in " + database().ownerUrl().jdbcUrl());
        }
        return "postgresql://postgres@localhost:" + port.group(1) + "/" + PostgresDatabase.EMBEDDED_DATABASE
                + "?sslmode=disable";
    }

    static long count(String table) {
        return owner().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        try {
            Files.deleteIfExists(PostgresDatabase.serverLog(dir));
        } catch (IOException e) {
            // best effort: a temporary file
        }
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a temporary directory
        }
    }
}
