package io.billkit.bootstrap.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL server processes of one data directory, found through its {@code postmaster.pid} (first line:
 * the postmaster's pid, second line: the data directory) and the postmaster's descendants. Works for the
 * embedded server however it was started (zonky's {@code pg_ctl} daemonises it, so it is not a child of the
 * service's JVM).
 */
public final class PostgresProcesses {
    private PostgresProcesses() {
    }

    /** The live postmaster of {@code dataDir}, if {@code postmaster.pid} names a running process. */
    public static Optional<ProcessHandle> postmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The postmaster and all its descendants (backends, checkpointer, WAL writer...), postmaster first. */
    public static List<ProcessHandle> all(Path dataDir) {
        List<ProcessHandle> all = new ArrayList<>();
        postmaster(dataDir).ifPresent(pm -> {
            all.add(pm);
            pm.descendants().forEach(all::add);
        });
        return all;
    }

    /** The pids of {@link #all}. */
    public static List<Long> pids(Path dataDir) {
        return all(dataDir).stream().map(ProcessHandle::pid).toList();
    }

    /** {@code SIGKILL} to the postmaster and every descendant, then waits until they are gone. */
    public static List<Long> kill9(Path dataDir) {
        return kill9(all(dataDir));
    }

    static List<Long> kill9(List<ProcessHandle> processes) {
        processes.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : processes) {
            awaitGone(p, Duration.ofSeconds(10));
        }
        return processes.stream().map(ProcessHandle::pid).toList();
    }

    /** Whether a postmaster still runs on {@code dataDir}. */
    public static boolean running(Path dataDir) {
        return postmaster(dataDir).isPresent();
    }

    /** Waits until no postmaster runs on {@code dataDir}; false on timeout. */
    public static boolean awaitStopped(Path dataDir, Duration timeout) {
        Optional<ProcessHandle> pm = postmaster(dataDir);
        return pm.isEmpty() || awaitGone(pm.get(), timeout);
    }

    static boolean awaitGone(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return !process.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
