package io.billkit.adapter.http;

import io.billkit.application.inmemory.InMemoryIdempotentRequestStore;
import io.billkit.application.port.out.ApiKeyStore;
import io.billkit.application.port.out.IdempotentRequestStore;
import io.billkit.application.port.out.AuditLog;
import io.billkit.application.port.out.provider.ProviderWebhookVerifier;

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
 * @param rateLimitBuckets where the rate limits' buckets live: shared by the replicas on one database, or
 *                        {@link RateLimitBuckets#local()} in this process
 * @param idempotentRequests the {@code Idempotency-Key}s of state-changing requests and their stored answers
 *                        (PostgreSQL in the service, so they survive a restart and are shared by replicas)
 */
public record HttpDependencies(HttpUseCases useCases, ApiKeyStore apiKeys, AuditLog auditLog,
                               Optional<ProviderWebhookVerifier> webhookVerifier, ReadinessCheck readiness,
                               HttpMetrics metrics, Clock clock, RateLimitBuckets rateLimitBuckets,
                               IdempotentRequestStore idempotentRequests) {
    public HttpDependencies {
        Objects.requireNonNull(idempotentRequests, "idempotentRequests");
        Objects.requireNonNull(useCases, "useCases");
        Objects.requireNonNull(apiKeys, "apiKeys");
        Objects.requireNonNull(auditLog, "auditLog");
        Objects.requireNonNull(webhookVerifier, "webhookVerifier");
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(rateLimitBuckets, "rateLimitBuckets");
    }

    /** With the idempotency keys in this process (one replica, tests). */
    public HttpDependencies(HttpUseCases useCases, ApiKeyStore apiKeys, AuditLog auditLog,
                            Optional<ProviderWebhookVerifier> webhookVerifier, ReadinessCheck readiness,
                            HttpMetrics metrics, Clock clock, RateLimitBuckets rateLimitBuckets) {
        this(useCases, apiKeys, auditLog, webhookVerifier, readiness, metrics, clock, rateLimitBuckets,
                new InMemoryIdempotentRequestStore());
    }

    /** The same dependencies with another idempotency-key store. */
    public HttpDependencies withIdempotentRequests(IdempotentRequestStore store) {
        return new HttpDependencies(useCases, apiKeys, auditLog, webhookVerifier, readiness, metrics, clock,
                rateLimitBuckets, store);
    }

    /** With the rate limits' buckets and the idempotency keys in this process (one replica, tests). */
    public HttpDependencies(HttpUseCases useCases, ApiKeyStore apiKeys, AuditLog auditLog,
                            Optional<ProviderWebhookVerifier> webhookVerifier, ReadinessCheck readiness,
                            HttpMetrics metrics, Clock clock) {
        this(useCases, apiKeys, auditLog, webhookVerifier, readiness, metrics, clock, RateLimitBuckets.local());
    }
}
