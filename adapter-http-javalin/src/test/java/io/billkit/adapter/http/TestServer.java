package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billkit.application.inmemory.InMemoryApiKeyStore;
import io.billkit.application.inmemory.InMemoryTransactions;
import io.billkit.application.port.out.ApiKeyStore;
import io.billkit.domain.customer.CustomerId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A real {@link BillKitHttpServer} on a free port with the {@link ProbeRoutes}, and a client for it. */
final class TestServer implements AutoCloseable {
    static final String SECRET = "test-secret-0123456789-0123456789-abcdef";
    static final CustomerId ACME = CustomerId.of("acme");
    static final CustomerId GLOBEX = CustomerId.of("globex");

    final InMemoryApiKeyStore apiKeys = new InMemoryApiKeyStore(new InMemoryTransactions());
    final HttpMetrics metrics = new HttpMetrics();
    final BillKitHttpServer server;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper json = Json.newMapper();
    private volatile boolean ready = true;

    private TestServer(HttpConfig config) {
        HttpDependencies deps = new HttpDependencies(apiKeys, () -> ready, metrics, Clock.systemUTC());
        server = new BillKitHttpServer(config, deps, List.of(new ProbeRoutes(metrics))).start();
    }

    static TestServer start() {
        return start(config());
    }

    static TestServer start(HttpConfig config) {
        return new TestServer(config);
    }

    /** Billing on, generous rate limits, 1 KiB body limit, HS256 with {@link #SECRET}. */
    static HttpConfig config() {
        return new HttpConfig("127.0.0.1", 0, 1024, HttpConfig.Features.allOn(),
                new HttpConfig.ServiceInfo("BillKit", "test-1", "apex", "mock"),
                HttpConfig.JwtSettings.hs256(SECRET, Optional.empty()),
                new HttpConfig.RateLimits(1_000, Duration.ofMinutes(15), 1_000, Duration.ofMinutes(1)));
    }

    void ready(boolean value) {
        ready = value;
    }

    String token(String subject, CustomerId customer, Role role) {
        Instant now = Instant.now();
        return SessionTokens.issueHs256(SECRET, Optional.empty(), subject, customer, role, now,
                now.plus(Duration.ofHours(1)));
    }

    String memberToken() {
        return token("alice", ACME, Role.MEMBER);
    }

    String adminToken() {
        return token("root", ACME, Role.ADMIN);
    }

    /** Stores a key and returns the clear key. */
    String apiKey(String id, Optional<CustomerId> customer, boolean revoked) {
        String clear = ApiKeys.newClearKey();
        apiKeys.save(new ApiKeyStore.ApiKey(id, customer, id, ApiKeys.sha256Hex(clear), Instant.parse("2026-01-01T00:00:00Z"),
                revoked));
        return clear;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder builder = request(path).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder);
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder builder = request(path).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder);
    }

    HttpResponse<String> send(HttpRequest.Builder builder) {
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode body(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
