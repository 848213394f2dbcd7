package io.billkit.bootstrap;

import io.billkit.bootstrap.process.PostgresProcesses;
import io.billkit.bootstrap.process.ServiceProcess;
import io.billkit.bootstrap.process.UsageClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of the JVM alone leaves its embedded PostgreSQL running on the data directory; the next start
 * stops that orphan and starts, and the events acknowledged before the kill are still there.
 */
class OrphanRestartIT {
    @TempDir
    Path tmp;

    @Test
    void the_next_start_stops_the_postgres_a_killed_jvm_left_behind_and_serves_again() {
        Path dataDir = tmp.resolve("pg");
        ServiceProcess.Builder builder = ServiceProcess.builder(Path.of("target", "it-logs", "orphan"))
                .env("BILLKIT_POSTGRES_DATA_DIR", dataDir.toString());
        UsageClient client = new UsageClient(Duration.ofSeconds(10));
        ServiceProcess first = builder.start().awaitReady(Duration.ofSeconds(90));
        String meter = CrashRecoveryIT.meter(first);
        assertThat(client.send(first.baseUri(), first.demoApiKey(), meter, List.of("orphan-1"), 1).acknowledged())
                .containsExactly("orphan-1");
        Optional<ProcessHandle> orphan = PostgresProcesses.postmaster(dataDir);
        assertThat(orphan).as("postmaster of the first start").isPresent();
        first.sigkill();
        assertThat(first.isAlive()).isFalse();

        Instant before = Instant.now();
        try (ServiceProcess second = builder.start().awaitReady(Duration.ofSeconds(90))) {
            Duration startTime = Duration.between(before, Instant.now());
            assertThat(orphan.get().isAlive()).as("the orphaned postmaster was stopped").isFalse();
            assertThat(PostgresProcesses.postmaster(dataDir)).isPresent().get()
                    .extracting(ProcessHandle::pid).isNotEqualTo(orphan.get().pid());
            UsageClient.BatchAnswer again = client.send(second.baseUri(), second.demoApiKey(), meter,
                    List.of("orphan-1", "orphan-2"), 1);
            assertThat(again.eventStatuses()).containsEntry("orphan-1", "DUPLICATE").containsEntry("orphan-2", "ACCEPTED");
            System.out.println("restart after kill -9 of the JVM alone: orphan postmaster " + orphan.get().pid()
                    + " stopped, ready again after " + startTime.toMillis() + " ms");
            second.sigterm();
            assertThat(second.awaitExit(Duration.ofSeconds(40))).isPresent();
        }
        assertThat(PostgresProcesses.awaitStopped(dataDir, Duration.ofSeconds(10))).isTrue();
    }
}
