package io.billkit.adapter.http;

import io.billkit.application.port.out.ApiKeyStore;

import java.time.Clock;
import java.util.Objects;

/**
 * What the HTTP service needs from the rest of the application. Route groups of later rounds add their
 * use cases here.
 *
 * @param apiKeys   hashed API keys for ingestion routes
 * @param readiness answers {@code GET /api/v1/health/ready}
 * @param metrics   meters shared with route groups; exposed at {@code GET /api/v1/metrics}
 * @param clock     time source for token expiry checks
 */
public record HttpDependencies(ApiKeyStore apiKeys, ReadinessCheck readiness, HttpMetrics metrics, Clock clock) {
    public HttpDependencies {
        Objects.requireNonNull(apiKeys, "apiKeys");
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
    }
}
