package io.billkit.bootstrap.usage;

import io.billkit.adapter.clickhouse.ClickHouse;
import io.billkit.adapter.clickhouse.ClickHouseSchema;
import io.billkit.adapter.clickhouse.ClickHouseTransactions;
import io.billkit.adapter.clickhouse.ClickHouseUsageEventStore;
import io.billkit.adapter.postgres.PostgresAdapter;
import io.billkit.adapter.postgres.PostgresConfig;
import io.billkit.adapter.postgres.PostgresDatabase;
import io.billkit.application.usagelog.EventLogUsageStore;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Real stores for the usage-store tests of the wired service: an embedded PostgreSQL in a temporary directory,
 * and a fresh database on the ClickHouse server named by {@code CLICKHOUSE_URL} ({@code .ci/run} starts one).
 * Without {@code CLICKHOUSE_URL} the ClickHouse tests are skipped with that reason; with {@code CI=true} they fail.
 */
final class UsageStoreFixtures {
    private UsageStoreFixtures() {
    }

    /** Skips (locally) or fails (CI) unless a ClickHouse server is configured. */
    static void requireClickHouse() {
        String url = System.getenv("CLICKHOUSE_URL");
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but CLICKHOUSE_URL is not set: .ci/run must start ClickHouse");
            }
            Assumptions.abort("CLICKHOUSE_URL not set: start one with .ci/clickhouse-start.sh and export it");
        }
    }

    static String clickHouseUrl() {
        return System.getenv("CLICKHOUSE_URL");
    }

    static String clickHouseUser() {
        return Optional.ofNullable(System.getenv("CLICKHOUSE_USER")).orElse("default");
    }

    static String clickHousePassword() {
        return Optional.ofNullable(System.getenv("CLICKHOUSE_PASSWORD")).orElse("");
    }

    /** A new, empty ClickHouse database with BillKit's schema. */
    static ClickHouse freshClickHouse() {
        String database = "billkit_test_" + Long.toHexString(System.nanoTime());
        try (ClickHouse admin = new ClickHouse(clickHouseUrl(), clickHouseUser(), clickHousePassword(), "default")) {
            admin.execute("CREATE DATABASE IF NOT EXISTS " + database);
        }
        ClickHouse clickHouse = new ClickHouse(clickHouseUrl(), clickHouseUser(), clickHousePassword(), database);
        new ClickHouseSchema(Optional.empty()).migrate(clickHouse);
        return clickHouse;
    }

    /** An embedded PostgreSQL with BillKit's schema, in {@code dir}. */
    static PostgresDatabase embeddedPostgres(Path dir) {
        return PostgresDatabase.start(PostgresConfig.embedded(dir).withMaxPoolSize(16)
                .withConnectionTimeout(java.time.Duration.ofSeconds(60)));
    }

    /** Usage events in {@code clickHouse}, claims and everything else in {@code postgres}, as the service wires it. */
    static EventLogUsageStore eventLog(PostgresAdapter postgres, ClickHouse clickHouse) {
        ClickHouseTransactions units = new ClickHouseTransactions(clickHouse);
        return new EventLogUsageStore(postgres.usageEventClaims(), new ClickHouseUsageEventStore(clickHouse, units),
                postgres.transactions(), units);
    }

    static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
