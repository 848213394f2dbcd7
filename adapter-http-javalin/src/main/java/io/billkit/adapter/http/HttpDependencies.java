package io.billkit.adapter.http;

import io.billkit.application.port.out.ApiKeyStore;
import io.billkit.application.port.out.AuditLog;
import io.billkit.application.port.out.provider.ProviderWebhookVerifier;
import io.github.bucket4j.distributed.proxy.ProxyManager;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What the HTTP service needs from the rest of the application.
 *
 * @param useCases        the billing use cases the routes call
 * @param apiKeys         hashed API keys: looked up for ingestion routes, written by {@code POST /api/v1/admin/api-keys}
 * @param auditLog        where {@code POST /api/v1/admin/api-keys} records the key it created (the other changes
 *                        are audited by their use cases)
 * @param webhookVerifier checks inbound payment-provider webhooks; empty = {@code POST /api/v1/webhooks/stripe}
 *                        answers 503 "webhooks not configured"
 * @param readiness       answers {@code GET /api/v1/health/ready}
 * @param metrics         meters shared with route groups; exposed at {@code GET /api/v1/metrics}
 * @param clock           time source for token expiry, default event timestamps and key creation times
 * @param rateLimitBuckets where the rate-limit buckets live when replicas share them (Bucket4j's PostgreSQL
 *                        backend, built by bootstrap); empty = in this process only
 */
public record HttpDependencies(HttpUseCases useCases, ApiKeyStore apiKeys, AuditLog auditLog,
                               Optional<ProviderWebhookVerifier> webhookVerifier, ReadinessCheck readiness,
                               HttpMetrics metrics, Clock clock, Optional<ProxyManager<String>> rateLimitBuckets) {
    public HttpDependencies {
        Objects.requireNonNull(useCases, "useCases");
        Objects.requireNonNull(apiKeys, "apiKeys");
        Objects.requireNonNull(auditLog, "auditLog");
        Objects.requireNonNull(webhookVerifier, "webhookVerifier");
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(rateLimitBuckets, "rateLimitBuckets");
    }

    /** With the rate-limit buckets in this process only. */
    public HttpDependencies(HttpUseCases useCases, ApiKeyStore apiKeys, AuditLog auditLog,
                            Optional<ProviderWebhookVerifier> webhookVerifier, ReadinessCheck readiness,
                            HttpMetrics metrics, Clock clock) {
        this(useCases, apiKeys, auditLog, webhookVerifier, readiness, metrics, clock, Optional.empty());
    }
}
