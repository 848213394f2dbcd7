package io.billkit.bootstrap.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The BillKit service jar ({@code bootstrap/target/billkit.jar}) run as a child process, for tests that need
 * a real process: crash (SIGKILL), SIGTERM, restart. The child gets a clean environment (only {@code PATH},
 * {@code HOME}, {@code JAVA_HOME}, {@code TMPDIR}, {@code LANG} from this JVM, plus what the test sets), listens
 * on {@code PORT=0} unless told otherwise, and writes stdout and stderr to files in its log directory (one pair
 * per start), which {@link #awaitReady} reads for the bound port and the demo API key.
 *
 * <pre>{@code
 * try (ServiceProcess service = ServiceProcess.builder(logDir)
 *         .env("BILLKIT_POSTGRES_DATA_DIR", dataDir.toString()).start().awaitReady(Duration.ofSeconds(60))) {
 *     service.baseUri();        // http://127.0.0.1:<port>
 *     service.demoApiKey();     // from the credentials banner
 *     service.sigkill();        // or sigterm(), then awaitExit(...)
 *     PostgresProcesses.kill9(dataDir);
 * }
 * }</pre>
 */
public final class ServiceProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("HTTP API listening on [^\\s:]*:(\\d+)");
    private static final Pattern API_KEY = Pattern.compile("API key\\s*:\\s*(\\S+)");
    private static final List<String> INHERITED = List.of("PATH", "HOME", "JAVA_HOME", "TMPDIR", "LANG");
    private static final AtomicInteger STARTS = new AtomicInteger();

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private int port = -1;

    private ServiceProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** A builder whose processes write their output under {@code logDir}. */
    public static Builder builder(Path logDir) {
        return new Builder(logDir);
    }

    /**
     * The service jar: system property {@code billkit.jar} (failsafe sets it), else {@code target/billkit.jar}
     * (the working directory of the bootstrap module's tests) or {@code bootstrap/target/billkit.jar}.
     */
    public static Path jar() {
        String property = System.getProperty("billkit.jar");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        Path local = Path.of("target", "billkit.jar");
        return Files.isRegularFile(local) ? local : Path.of("bootstrap", "target", "billkit.jar");
    }

    /** Starts service processes with the same settings. */
    public static final class Builder {
        private final Path logDir;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        private Path jar = ServiceProcess.jar();

        private Builder(Path logDir) {
            this.logDir = Objects.requireNonNull(logDir, "logDir");
            env.put("PORT", "0");
            env.put("HOST", "127.0.0.1");
            env.put("LOG_FORMAT", "json");
        }

        /** Sets (or with a null value removes) an environment variable of the child. */
        public Builder env(String name, String value) {
            if (value == null) {
                env.remove(name);
            } else {
                env.put(name, value);
            }
            return this;
        }

        public Builder jar(Path serviceJar) {
            this.jar = Objects.requireNonNull(serviceJar, "serviceJar");
            return this;
        }

        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** Launches {@code java -jar <jar>}; does not wait for it to be ready (see {@link #awaitReady}). */
        public ServiceProcess start() {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar.toAbsolutePath() + " does not exist: run `mvn -pl bootstrap -am "
                        + "package -DskipTests` (or `mvn verify`, which builds it before the *IT tests)");
            }
            try {
                Files.createDirectories(logDir);
                int n = STARTS.incrementAndGet();
                Path out = logDir.resolve("service-" + n + ".stdout.log");
                Path err = logDir.resolve("service-" + n + ".stderr.log");
                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(jvmOptions);
                command.add("-jar");
                command.add(jar.toAbsolutePath().toString());
                ProcessBuilder pb = new ProcessBuilder(command)
                        .redirectOutput(ProcessBuilder.Redirect.to(out.toFile()))
                        .redirectError(ProcessBuilder.Redirect.to(err.toFile()))
                        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
                Map<String, String> childEnv = pb.environment();
                Map<String, String> inherited = new LinkedHashMap<>();
                INHERITED.forEach(name -> Optional.ofNullable(childEnv.get(name)).ifPresent(v -> inherited.put(name, v)));
                childEnv.clear();
                childEnv.putAll(inherited);
                childEnv.putAll(env);
                return new ServiceProcess(pb.start(), out, err);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the service jar", e);
            }
        }

        private static java.io.File nullDevice() {
            return new java.io.File("/dev/null");
        }
    }

    /**
     * Waits until the log says which port the HTTP API bound and {@code GET /api/v1/health/ready} answers 200.
     *
     * @throws IllegalStateException when the process exits first or {@code timeout} passes (with the log's tail)
     */
    public ServiceProcess awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue()
                        + " before it was ready\n" + logTail(60));
            }
            if (port < 0) {
                Matcher m = LISTENING.matcher(stdout());
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            if (port > 0 && readyStatus() == 200) {
                return this;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException("the service was not ready within " + timeout + "\n" + logTail(60));
    }

    /** Status of {@code GET /api/v1/health/ready}, or -1 when the server does not answer. */
    public int readyStatus() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri() + "/api/v1/health/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The bound HTTP port (after {@link #awaitReady}). */
    public int port() {
        if (port < 0) {
            throw new IllegalStateException("the port is known once the service is ready");
        }
        return port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** The clear demo API key from the credentials banner (DEMO_DATA on, the default with the embedded database). */
    public String demoApiKey() {
        Matcher m = API_KEY.matcher(stderr() + "\n" + stdout());
        String key = null;
        while (m.find()) {
            key = m.group(1);
        }
        if (key == null) {
            throw new IllegalStateException("no demo API key in the output\n" + logTail(40));
        }
        return key;
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@code SIGTERM} (graceful shutdown); see {@link #awaitExit}. */
    public void sigterm() {
        process.destroy();
    }

    /** {@code SIGKILL} to the JVM alone (the embedded PostgreSQL, a separate process, survives it). */
    public void sigkill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /**
     * {@code SIGKILL} to the JVM and, in the same instant, to every PostgreSQL process of {@code dataDir}
     * (power loss, OOM killer, {@code kill -9} of the process group). Returns the killed pids.
     */
    public List<Long> sigkillWithPostgres(Path dataDir) {
        List<ProcessHandle> victims = new ArrayList<>();
        victims.add(process.toHandle());
        process.toHandle().descendants().forEach(victims::add);
        PostgresProcesses.all(dataDir).stream().filter(p -> victims.stream().noneMatch(v -> v.pid() == p.pid()))
                .forEach(victims::add);
        return PostgresProcesses.kill9(victims);
    }

    /** Waits for the process to end; its exit code, or empty on timeout. */
    public Optional<Integer> awaitExit(Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.of(process.exitValue());
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Everything the process wrote to stdout so far. */
    public String stdout() {
        return read(stdout);
    }

    /** Everything the process wrote to stderr so far. */
    public String stderr() {
        return read(stderr);
    }

    public Path stdoutFile() {
        return stdout;
    }

    public Path stderrFile() {
        return stderr;
    }

    /** The last {@code lines} lines of stdout and of stderr, for failure messages. */
    public String logTail(int lines) {
        return "--- stdout (" + stdout + ") ---\n" + tail(stdout(), lines)
                + "\n--- stderr (" + stderr + ") ---\n" + tail(stderr(), lines);
    }

    /** Kills the JVM if it still runs (the test's own cleanup; the embedded PostgreSQL is the caller's). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(10));
        }
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n", -1);
        int from = Math.max(0, all.length - lines);
        return String.join("\n", java.util.Arrays.asList(all).subList(from, all.length));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
