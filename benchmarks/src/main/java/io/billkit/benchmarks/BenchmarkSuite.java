package io.billkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Runs the rows of issue 12's table against the service jar on its embedded PostgreSQL (durability on: the
 * service's defaults, {@code synchronous_commit} on) and prints one table with each figure, its same-run
 * reference and the ratio:
 * <ul>
 *   <li>HTTP ingestion, 1,000-event batches, 4 and 16 clients, vs. raw {@code COPY} of 1,000-row chunks (one
 *       transaction each) into a table with the same primary key, by as many JDBC connections;</li>
 *   <li>current usage, sequential p99, vs. the trivial route ({@code GET /health/live}) sequential p99;</li>
 *   <li>quota consume, 200 callers on one hot HARD limit (mortgage {@code pro}: 10,000 API calls per day,
 *       3 per consume), ops/s vs. the trivial route at 200 callers; admitted units are checked against the
 *       limit and against the stored usage (over-admission must be 0);</li>
 *   <li>invoice list, 100 connections, vs. the trivial route at 100 connections (req/s and p95);</li>
 *   <li>PDF {@code If-None-Match} → 304 vs. the invoice JSON, sequential mean;</li>
 *   <li>start-up: cold (empty data directory) and warm (same data) time to ready.</li>
 * </ul>
 * Period close and reconciliation rows are measured elsewhere (they are being reshaped into jobs).
 *
 * <p>System properties: {@code bench.jar} (the service jar), {@code bench.seconds} (per load phase, default 15),
 * {@code bench.invoices} (default 400).
 */
public final class BenchmarkSuite {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> JVM_FLAGS = List.of(System.getProperty("bench.jvmFlags",
            "-Xms256m -Xmx512m -XX:+UseSerialGC").trim().split("\\s+"));
    private final Map<String, String[]> rows = new LinkedHashMap<>();
    private final Duration phase = Duration.ofSeconds(Long.getLong("bench.seconds", 15));
    private final int invoiceCount = Integer.getInteger("bench.invoices", 400);
    private Service service;
    private Http http;
    private String admin;
    private int pgPort;

    /** {@code bench.rows}: a comma-separated subset of ingestion, usage, quota, invoices, startup (default all). */
    private final List<String> selectedRows = List.of(System.getProperty("bench.rows",
            "ingestion,usage,quota,invoices,startup").split(","));

    private BenchmarkSuite() {
    }

    private boolean selected(String rowGroup) {
        return selectedRows.contains(rowGroup);
    }

    public static void main(String[] args) throws Exception {
        new BenchmarkSuite().runAll();
    }

    private void runAll() throws Exception {
        Path jar = Path.of(System.getProperty("bench.jar", "bootstrap/target/billkit.jar"));
        Path work = Files.createTempDirectory("billkit-bench");
        Path data = work.resolve("data");
        pgPort = freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", System.getenv().getOrDefault("HOME", "/root"));
        env.put("PORT", "0");
        env.put("HOST", "127.0.0.1");
        env.put("LOG_FORMAT", "text");
        env.put("LOG_LEVEL", "INFO");
        env.put("BILLKIT_POSTGRES_DATA_DIR", data.toString());
        env.put("BILLKIT_POSTGRES_PORT", Integer.toString(pgPort));
        env.put("BILLING_CATALOG", "mortgage");
        // the benchmark's own clients are few callers sending many requests: lift the per-user budgets
        env.put("RATE_LIMIT_BILLING_REQUESTS", "1000000000");
        env.put("RATE_LIMIT_INGESTION_REQUESTS", "1000000000");
        long wall = System.nanoTime();
        System.out.printf("BillKit benchmarks: %s, %d s per load phase, %d cores, JVM flags %s%n", jar, phase.toSeconds(),
                Runtime.getRuntime().availableProcessors(), String.join(" ", JVM_FLAGS));
        try {
            service = Service.start(jar, work, "cold", JVM_FLAGS, env);
            long cold = service.startMillis;
            http = new Http(200);
            admin = service.adminToken();
            String ingestKey = customer("bench_ingest", "enterprise");
            String quotaKey = customer("bench_quota", "pro");
            customer("bench_invoices", "enterprise");

            if (selected("ingestion")) {
                ingestion(ingestKey, 4);
                ingestion(ingestKey, 16);
            }
            if (selected("usage")) {
                currentUsage("bench_ingest");
            }
            if (selected("quota")) {
                quota(quotaKey);
            }
            if (selected("invoices")) {
                List<String> invoices = invoices("bench_invoices");
                invoiceList("bench_invoices");
                pdf304(invoices.get(0), "bench_invoices");
            }
            if (selected("startup")) {
                service.close();
                service = Service.start(jar, work, "warm", JVM_FLAGS, env);
                row("start-up, cold (empty data dir) / warm (same data), to ready", "%,d ms / %,d ms".formatted(cold,
                        service.startMillis), "-", "-");
            }
        } finally {
            if (service != null) {
                service.close();
            }
            deleteRecursively(work);
        }
        print((System.nanoTime() - wall) / 1e9);
    }

    // --- set-up --------------------------------------------------------------------------------------

    /** Creates the customer, subscribes it to {@code plan} and returns a new API key scoped to it. */
    private String customer(String id, String plan) throws Exception {
        expect(http.post(service.base() + "/admin/customers", """
                {"id":"%s","name":"Benchmark %s","email":"%s@bench.example"}""".formatted(id, id, id), auth()), id);
        expect(http.post(service.base() + "/admin/subscriptions", """
                {"customerId":"%s","plan":"%s"}""".formatted(id, plan), auth()), id);
        Http.Response key = expect(http.post(service.base() + "/admin/api-keys", """
                {"customerId":"%s","name":"bench"}""".formatted(id), auth()), id);
        return JSON.readTree(key.body()).get("key").asText();
    }

    private String[] auth() {
        return new String[]{"Authorization", "Bearer " + admin};
    }

    /** A set-up request, retried on a dropped connection (the shared machine sometimes resets one). */
    private Http.Response retried(java.util.concurrent.Callable<Http.Response> request) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return request.call();
            } catch (IOException e) {
                if (attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    private static Http.Response expect(Http.Response r, String what) {
        if (r.status() / 100 != 2) {
            throw new IllegalStateException(what + ": HTTP " + r.status() + " " + r.body());
        }
        return r;
    }

    // --- rows ------------------------------------------------------------------------------------------

    private void ingestion(String key, int clients) throws Exception {
        AtomicLong batches = new AtomicLong();
        AtomicLong unavailable = new AtomicLong();
        String prefix = "c" + clients + "-";
        Load.Result service = Load.forDuration(clients, phase, (thread, i) -> {
            long batch = batches.incrementAndGet();
            StringBuilder body = new StringBuilder(80_000).append("{\"events\":[");
            for (int e = 0; e < 1000; e++) {
                if (e > 0) {
                    body.append(',');
                }
                body.append("{\"eventId\":\"").append(prefix).append(batch).append('-').append(e)
                        .append("\",\"meter\":\"ai_tokens\",\"quantity\":\"").append(1 + e % 7).append("\"}");
            }
            Http.Response r = http.post(this.service.base() + "/usage/events", body.append("]}").toString(),
                    "X-Api-Key", key);
            if (r.status() == 503) {
                unavailable.incrementAndGet();
                return 0;
            }
            expect(r, "ingestion batch");
            return count(r.body(), "\"ACCEPTED\"");
        });
        double reference = copyReference(clients);
        row("HTTP ingestion, 1,000-event batches, " + clients + " clients", rate(service.unitsPerSecond(), "events/s")
                + (unavailable.get() > 0 ? " (%,d batches 503)".formatted(unavailable.get()) : ""),
                rate(reference, "rows/s raw COPY"), ratio(service.unitsPerSecond() / reference));
    }

    /** COPY of 1,000-row chunks (one transaction each) into a table with usage_events' primary key. */
    private double copyReference(int clients) throws Exception {
        try (Connection c = database()) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_copy");
                s.execute("""
                        CREATE TABLE bench_copy (customer_id text NOT NULL, event_id text NOT NULL, meter text NOT NULL,
                            quantity numeric NOT NULL, occurred_at timestamptz NOT NULL, day date NOT NULL,
                            properties jsonb NOT NULL DEFAULT '{}', PRIMARY KEY (customer_id, event_id))""");
            }
        }
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Connection c = database();
            c.setAutoCommit(false);
            connections.add(c);
        }
        AtomicLong chunks = new AtomicLong();
        String now = Instant.now().toString();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        try {
            Load.Result r = Load.forDuration(clients, phase, (thread, i) -> {
                long chunk = chunks.incrementAndGet();
                StringBuilder rows = new StringBuilder(80_000);
                for (int e = 0; e < 1000; e++) {
                    rows.append("bench_copy,").append(chunk).append('-').append(e).append(",ai_tokens,")
                            .append(1 + e % 7).append(',').append(now).append(',').append(today).append(",{}\n");
                }
                Connection c = connections.get(thread);
                CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench_copy FROM STDIN (FORMAT csv)");
                byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                copy.endCopy();
                c.commit();
                return 1000;
            });
            return r.unitsPerSecond();
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    private void currentUsage(String customer) throws Exception {
        String url = service.base() + "/billing/usage/current?customerId=" + customer;
        String trivial = service.base() + "/health/live";
        Load.times(100, (t, i) -> expect(http.get(url, auth()), "usage").status());
        Load.times(100, (t, i) -> expect(http.get(trivial), "live").status());
        Load.Result usage = Load.times(1000, (t, i) -> expect(http.get(url, auth()), "usage").status() > 0 ? 1 : 0);
        Load.Result live = Load.times(1000, (t, i) -> expect(http.get(trivial), "live").status() > 0 ? 1 : 0);
        long events;
        try (Connection c = database(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM usage_events WHERE customer_id = '" + customer + "'")) {
            rs.next();
            events = rs.getLong(1);
        }
        row("current usage, %,d events in period, sequential p99 (p50)".formatted(events),
                ms(usage.percentileMillis(99)) + " (" + ms(usage.percentileMillis(50)) + ")",
                "trivial route " + ms(live.percentileMillis(99)) + " (" + ms(live.percentileMillis(50)) + ")",
                ratio(usage.percentileMillis(99) / live.percentileMillis(99)));
    }

    private void quota(String key) throws Exception {
        AtomicLong allowed = new AtomicLong();
        AtomicLong denied = new AtomicLong();
        AtomicLong unavailable = new AtomicLong();
        AtomicLong ids = new AtomicLong();
        Load.Result consume = Load.forDuration(200, phase, (t, i) -> {
            Http.Response r = http.post(service.base() + "/quota/consume", """
                    {"meter":"api_calls","quantity":"3","eventId":"q-%d"}""".formatted(ids.incrementAndGet()),
                    "X-Api-Key", key);
            if (r.status() == 503) {
                unavailable.incrementAndGet();
                return 0;
            }
            expect(r, "consume");
            if (r.body().contains("\"ALLOWED\"")) {
                allowed.incrementAndGet();
            } else {
                denied.incrementAndGet();
            }
            return 1;
        });
        String trivial = service.base() + "/health/live";
        Load.Result live = Load.forDuration(200, phase, (t, i) -> expect(http.get(trivial), "live").status() > 0 ? 1 : 0);
        JsonNode usage = JSON.readTree(expect(http.get(service.base() + "/billing/usage/current?customerId=bench_quota",
                auth()), "usage").body());
        String used = "?";
        for (JsonNode meter : usage.path("meters")) {
            if ("api_calls".equals(meter.path("meter").asText())) {
                used = meter.path("used").asText();
            }
        }
        long admittedUnits = allowed.get() * 3;
        long over = Math.max(0, admittedUnits - 10_000);
        double answered = consume.unitsPerSecond();
        row("quota consume, 200 callers, one hot HARD limit",
                rate(answered, "ops/s") + " (p99 " + ms(consume.percentileMillis(99)) + "); %,d allowed, %,d denied, %,d 503, %,d over-admitted, stored %s"
                        .formatted(allowed.get(), denied.get(), unavailable.get(), over, used),
                "trivial route " + rate(live.opsPerSecond(), "req/s"), ratio(answered / live.opsPerSecond()));
        if (over > 0 || !used.equals(Long.toString(admittedUnits)) && !used.startsWith(admittedUnits + ".")) {
            System.out.println("!! quota: admitted " + admittedUnits + " units, stored " + used);
        }
    }

    /** Creates invoices by subscribe + immediate cancel (a final invoice each); returns their ids. */
    private List<String> invoices(String customer) throws Exception {
        for (int i = 1; i < invoiceCount; i++) {
            expect(retried(() -> http.post(service.base() + "/billing/subscription/cancel?customerId=" + customer,
                    "{\"atPeriodEnd\":false}", auth())), "cancel");
            expect(retried(() -> http.post(service.base() + "/admin/subscriptions", """
                    {"customerId":"%s","plan":"enterprise"}""".formatted(customer), auth())), "subscribe");
        }
        expect(http.post(service.base() + "/billing/subscription/cancel?customerId=" + customer,
                "{\"atPeriodEnd\":false}", auth()), "cancel");
        JsonNode page = JSON.readTree(expect(http.get(service.base() + "/billing/invoices?limit=100&customerId="
                + customer, auth()), "list").body());
        List<String> ids = new ArrayList<>();
        JsonNode items = page.has("items") ? page.get("items") : page.path("data");
        items.forEach(item -> ids.add(item.path("id").asText()));
        if (ids.isEmpty()) {
            throw new IllegalStateException("no invoices listed: " + page);
        }
        return ids;
    }

    private void invoiceList(String customer) throws Exception {
        String url = service.base() + "/billing/invoices?customerId=" + customer;
        String trivial = service.base() + "/health/live";
        AtomicLong unavailable = new AtomicLong();
        Load.Result list = Load.forDuration(100, phase, (t, i) -> {
            Http.Response r = http.get(url, auth());
            if (r.status() == 503) {
                unavailable.incrementAndGet();
                return 0;
            }
            expect(r, "list");
            return 1;
        });
        Load.Result live = Load.forDuration(100, phase, (t, i) -> expect(http.get(trivial), "live").status() > 0 ? 1 : 0);
        row("invoice list, 100 connections, %d invoices: req/s".formatted(invoiceCount), rate(list.unitsPerSecond(), "req/s")
                        + (unavailable.get() > 0 ? " (%,d answered 503)".formatted(unavailable.get()) : ""),
                "trivial route " + rate(live.opsPerSecond(), "req/s"), ratio(list.unitsPerSecond() / live.opsPerSecond()));
        row("invoice list, 100 connections: p95", ms(list.percentileMillis(95)),
                "trivial route " + ms(live.percentileMillis(95)), ratio(list.percentileMillis(95) / live.percentileMillis(95)));
    }

    private void pdf304(String invoice, String customer) throws Exception {
        String pdf = service.base() + "/billing/invoices/" + invoice + "/pdf?customerId=" + customer;
        String json = service.base() + "/billing/invoices/" + invoice + "?customerId=" + customer;
        String etag = expect(http.get(pdf, auth()), "pdf").raw().headers().firstValue("ETag").orElseThrow();
        String[] headers = {"Authorization", "Bearer " + admin, "If-None-Match", etag};
        Load.Result notModified = Load.times(300, (t, i) -> {
            Http.Response r = http.get(pdf, headers);
            if (r.status() != 304) {
                throw new IllegalStateException("expected 304, got " + r.status());
            }
            return 1;
        });
        Load.Result invoiceJson = Load.times(300, (t, i) -> expect(http.get(json, auth()), "invoice").status() > 0 ? 1 : 0);
        notModified = Load.times(300, (t, i) -> http.get(pdf, headers).status() == 304 ? 1 : 0);
        invoiceJson = Load.times(300, (t, i) -> expect(http.get(json, auth()), "invoice").status() > 0 ? 1 : 0);
        row("PDF If-None-Match -> 304, sequential mean", ms(notModified.meanMillis()),
                "invoice JSON " + ms(invoiceJson.meanMillis()), ratio(notModified.meanMillis() / invoiceJson.meanMillis()));
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort + "/billkit", "postgres", "");
    }

    private static long count(String text, String needle) {
        long n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    private void row(String what, String figure, String reference, String ratio) {
        rows.put(what, new String[]{figure, reference, ratio});
        System.out.printf("  %s: %s | %s | %s%n", what, figure, reference, ratio);
    }

    private void print(double seconds) {
        System.out.println();
        System.out.println("| what | figure | same-run reference | ratio |");
        System.out.println("|---|---|---|---|");
        rows.forEach((what, v) -> System.out.printf("| %s | %s | %s | %s |%n", what, v[0], v[1], v[2]));
        System.out.printf("%nwhole run: %.0f s%n", seconds);
    }

    private static String rate(double perSecond, String unit) {
        return String.format(Locale.ROOT, "%,.0f %s", perSecond, unit);
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, "%.1f ms", millis);
    }

    private static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2f", r);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
