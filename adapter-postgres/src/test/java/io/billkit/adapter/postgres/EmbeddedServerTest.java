package io.billkit.adapter.postgres;

import io.billkit.domain.BillingException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded server as the service runs it: durable settings, quiet output, and what a start does with a
 * {@code postmaster.pid} left behind. (A server orphaned by a killed JVM is stopped by the next start: proven with
 * real processes in bootstrap's {@code OrphanedPostgresIT}.)
 */
class EmbeddedServerTest {

    @Test
    void the_embedded_server_runs_with_postgresqls_durable_settings() {
        // the service's own start path (PostgresDatabase.startEmbedded), as the shared test database uses it
        var owner = TestDatabase.owner();
        Map<String, String> shown = owner.withHandle(h -> Map.of(
                "fsync", h.createQuery("SHOW fsync").mapTo(String.class).one(),
                "synchronous_commit", h.createQuery("SHOW synchronous_commit").mapTo(String.class).one(),
                "full_page_writes", h.createQuery("SHOW full_page_writes").mapTo(String.class).one()));
        assertThat(shown).containsExactlyInAnyOrderEntriesOf(Map.of(
                "fsync", "on", "synchronous_commit", "on", "full_page_writes", "on"));
        // and the settings come from the command line, not from a file someone could edit back
        String source = owner.withHandle(h -> h.createQuery("SELECT source FROM pg_settings WHERE name = 'fsync'")
                .mapTo(String.class).one());
        assertThat(source).isEqualTo("command line");
    }

    @Test
    void the_servers_own_output_goes_to_a_file_beside_the_data_directory() throws IOException {
        Path fresh = TestDatabase.temporaryDirectory("billkit-pg-log");
        try (PostgresDatabase db = PostgresDatabase.start(PostgresConfig.embedded(fresh).withMaxPoolSize(1))) {
            Path log = PostgresDatabase.serverLog(fresh);
            assertThat(log).exists();
            assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("database system is ready");
        } finally {
            TestDatabase.deleteRecursively(fresh);
        }
    }

    @Test
    void a_pid_file_of_a_process_that_no_longer_runs_does_not_stop_the_start() throws Exception {
        Path dir = TestDatabase.temporaryDirectory("billkit-pg-stale");
        try {
            try (PostgresDatabase first = PostgresDatabase.start(PostgresConfig.embedded(dir).withMaxPoolSize(1))) {
                assertThat(first.migrationsApplied()).isPositive();
            }
            Process gone = new ProcessBuilder("true").start();
            gone.waitFor();
            writePidFile(dir, gone.pid(), dir);
            try (PostgresDatabase second = PostgresDatabase.start(PostgresConfig.embedded(dir).withMaxPoolSize(1))) {
                assertThat(second.migrationsApplied()).isZero();
            }
        } finally {
            TestDatabase.deleteRecursively(dir);
        }
    }

    @Test
    void a_pid_file_whose_pid_now_belongs_to_another_program_is_removed_as_stale() throws Exception {
        Path dir = TestDatabase.temporaryDirectory("billkit-pg-reused");
        try {
            try (PostgresDatabase first = PostgresDatabase.start(PostgresConfig.embedded(dir).withMaxPoolSize(1))) {
                assertThat(first.migrationsApplied()).isPositive();
            }
            // this JVM is alive and is not a PostgreSQL: as if the crashed server's pid had been reused
            writePidFile(dir, ProcessHandle.current().pid(), dir);
            try (PostgresDatabase second = PostgresDatabase.start(PostgresConfig.embedded(dir).withMaxPoolSize(1))) {
                assertThat(second.migrationsApplied()).isZero();
            }
        } finally {
            TestDatabase.deleteRecursively(dir);
        }
    }

    @Test
    void a_server_that_a_live_process_still_owns_is_not_stopped() throws Exception {
        Path dir = TestDatabase.temporaryDirectory("billkit-pg-owned");
        // a server this JVM started and still holds (zonky's lock): a second start must refuse, not stop it
        try (EmbeddedPostgres running = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).start()) {
            assertThatThrownBy(() -> OrphanedPostmaster.clear(dir, Duration.ofSeconds(5)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("belongs to another running process");
            try (var c = running.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
                assertThat(s.execute("SELECT 1")).isTrue();
            }
        } finally {
            TestDatabase.deleteRecursively(dir);
        }
    }

    @Test
    void a_bad_connection_timeout_names_its_environment_variable() {
        assertThat(PostgresConfig.fromEnvironment(Map.of()).connectionTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(PostgresConfig.fromEnvironment(Map.of("BILLKIT_POSTGRES_CONNECTION_TIMEOUT", "750ms"))
                .connectionTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(PostgresConfig.fromEnvironment(Map.of("BILLKIT_POSTGRES_CONNECTION_TIMEOUT", "2s"))
                .connectionTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> PostgresConfig.fromEnvironment(Map.of("BILLKIT_POSTGRES_CONNECTION_TIMEOUT", "soon")))
                .isInstanceOf(BillingException.class).hasMessageContaining("BILLKIT_POSTGRES_CONNECTION_TIMEOUT");
        assertThatThrownBy(() -> PostgresConfig.fromEnvironment(Map.of("BILLKIT_POSTGRES_CONNECTION_TIMEOUT", "10ms")))
                .isInstanceOf(BillingException.class).hasMessageContaining("BILLKIT_POSTGRES_CONNECTION_TIMEOUT");
        assertThatThrownBy(() -> PostgresConfig.fromEnvironment(Map.of("BILLKIT_POSTGRES_POOL_SIZE", "0")))
                .isInstanceOf(BillingException.class)
                .hasMessage("BILLKIT_POSTGRES_POOL_SIZE must be in 1..500 but was 0");
        assertThatThrownBy(() -> PostgresConfig.fromEnvironment(Map.of("BILLKIT_POSTGRES_PORT", "70000")))
                .isInstanceOf(BillingException.class).hasMessageContaining("BILLKIT_POSTGRES_PORT");
    }

    private static void writePidFile(Path dir, long pid, Path dataDir) throws IOException {
        Files.writeString(dir.resolve("postmaster.pid"), pid + "\n" + dataDir.toAbsolutePath() + "\n1764000000\n5432\n"
                + "/tmp\nlocalhost\n  1234567    65536\nready   \n", StandardCharsets.UTF_8);
    }
}
