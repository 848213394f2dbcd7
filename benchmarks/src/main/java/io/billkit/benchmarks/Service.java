package io.billkit.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service jar as a child process on its embedded PostgreSQL: started with the JVM flags the README
 * recommends, the given environment, {@code PORT=0}; ready when the log names the bound port and
 * {@code /api/v1/health/ready} answers 200. Reads the demo banner for the admin token.
 */
final class Service implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("HTTP API listening on [^\\s:]*:(\\d+)");
    private static final Pattern ADMIN_TOKEN = Pattern.compile("admin token\\s*:\\s*(\\S+)");

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    final int port;
    final long startMillis;

    private Service(Process process, Path stdout, Path stderr, int port, long startMillis) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.port = port;
        this.startMillis = startMillis;
    }

    static Service start(Path jar, Path logDir, String name, List<String> jvmFlags, Map<String, String> env)
            throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        Path out = logDir.resolve(name + ".stdout.log");
        Path err = logDir.resolve(name + ".stderr.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> childEnv = pb.environment();
        childEnv.keySet().retainAll(List.of("PATH", "HOME", "TMPDIR", "LANG", "JAVA_HOME"));
        childEnv.putAll(env);
        long started = System.nanoTime();
        Process process = pb.start();
        long deadline = started + Duration.ofMinutes(3).toNanos();
        int port = -1;
        Http http = new Http(1);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ": " + read(out)
                        + read(err));
            }
            if (port < 0) {
                Matcher m = LISTENING.matcher(read(out) + read(err));
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            if (port > 0 && http.status("http://127.0.0.1:" + port + "/api/v1/health/ready") == 200) {
                long millis = (System.nanoTime() - started) / 1_000_000;
                return new Service(process, out, err, port, millis);
            }
            Thread.sleep(50);
        }
        process.destroy();
        process.waitFor(60, TimeUnit.SECONDS);
        throw new IllegalStateException("the service was not ready within 3 minutes: " + read(out));
    }

    String base() {
        return "http://127.0.0.1:" + port + "/api/v1";
    }

    String adminToken() throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            Matcher m = ADMIN_TOKEN.matcher(read(stderr) + read(stdout));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no admin token in the demo banner");
    }

    String log() {
        return read(stdout);
    }

    /** SIGTERM and wait (the service stops its embedded PostgreSQL on the way out). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
