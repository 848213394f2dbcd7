package io.billkit.bootstrap;

import io.billkit.adapter.http.HttpConfig;

import java.util.Objects;
import java.util.Optional;

/**
 * The service's configuration, as read by {@link EnvConfig} from environment variables. Optional values
 * are empty when the variable is unset or blank.
 *
 * @param host                interface to bind ({@code HOST}, default {@code 0.0.0.0})
 * @param port                HTTP port ({@code PORT}, default 8080; 0 = any free port)
 * @param databaseUrl         PostgreSQL JDBC URL ({@code DATABASE_URL}); empty = in-memory stores
 * @param stripeSecretKey     {@code STRIPE_SECRET_KEY}; empty = the mock payment provider
 * @param stripeWebhookSecret {@code STRIPE_WEBHOOK_SECRET}
 * @param jwtSecret           HS256 secret ({@code JWT_SECRET}, at least 32 bytes); when it and
 *                            {@code jwtPublicKeyPem} are both empty a random secret is generated at start
 * @param jwtPublicKeyPem     RS256 public key in PEM ({@code JWT_PUBLIC_KEY})
 * @param jwtIssuer           required {@code iss} of session tokens ({@code JWT_ISSUER})
 * @param catalog             seed catalog name ({@code BILLING_CATALOG}: apex, credits or mortgage)
 * @param features            {@code BILLING_ENABLED}, {@code TRANSPARENCY_ENABLED},
 *                            {@code FRAUD_DETECTION_ENABLED}, {@code AB_TESTING_ENABLED}
 * @param rateLimits          {@code RATE_LIMIT_BILLING_REQUESTS}/{@code _WINDOW},
 *                            {@code RATE_LIMIT_INGESTION_REQUESTS}/{@code _WINDOW}
 * @param maxRequestBytes     {@code MAX_REQUEST_BYTES} (default 1 MiB)
 * @param demoData            {@code DEMO_DATA}: create a demo customer, API key and tokens at start
 *                            (default: true when there is no {@code DATABASE_URL})
 */
public record AppConfig(String host, int port, Optional<String> databaseUrl, Optional<String> stripeSecretKey,
                        Optional<String> stripeWebhookSecret, Optional<String> jwtSecret,
                        Optional<String> jwtPublicKeyPem, Optional<String> jwtIssuer, String catalog,
                        HttpConfig.Features features, HttpConfig.RateLimits rateLimits, long maxRequestBytes,
                        boolean demoData) {
    public AppConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(stripeSecretKey, "stripeSecretKey");
        Objects.requireNonNull(stripeWebhookSecret, "stripeWebhookSecret");
        Objects.requireNonNull(jwtSecret, "jwtSecret");
        Objects.requireNonNull(jwtPublicKeyPem, "jwtPublicKeyPem");
        Objects.requireNonNull(jwtIssuer, "jwtIssuer");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(rateLimits, "rateLimits");
    }

    /** A copy listening on {@code newPort}. */
    public AppConfig withPort(int newPort) {
        return new AppConfig(host, newPort, databaseUrl, stripeSecretKey, stripeWebhookSecret, jwtSecret,
                jwtPublicKeyPem, jwtIssuer, catalog, features, rateLimits, maxRequestBytes, demoData);
    }
}
