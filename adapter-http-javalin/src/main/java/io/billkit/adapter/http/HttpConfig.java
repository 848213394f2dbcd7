package io.billkit.adapter.http;

import io.billkit.domain.BillingException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the HTTP service.
 *
 * @param host            interface to bind ({@code 0.0.0.0} for all)
 * @param port            TCP port; 0 picks a free port (see {@link BillKitHttpServer#port()})
 * @param maxRequestBytes largest accepted request body in bytes; bigger bodies get 413 (default 1 MiB)
 * @param features        feature flags, also published at {@code GET /api/v1/meta/features}
 * @param info            what {@code GET /api/v1/meta/info} reports
 * @param jwt             how session tokens (cookie {@code billkit_session} or Bearer) are verified
 * @param rateLimits      per-user and per-API-key request budgets
 * @param browser         CSRF key and cookie security of browser sessions (the web console)
 */
public record HttpConfig(String host, int port, long maxRequestBytes, Features features, ServiceInfo info,
                         JwtSettings jwt, RateLimits rateLimits, Browser browser) {
    /** 1 MiB. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 1024L * 1024L;

    public HttpConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(jwt, "jwt");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(browser, "browser");
        BillingException.require(port >= 0 && port <= 65_535, "port must be in 0..65535 but was " + port);
        BillingException.require(maxRequestBytes >= 1, "maxRequestBytes must be positive but was " + maxRequestBytes);
    }

    /** With {@link Browser#defaults()}. */
    public HttpConfig(String host, int port, long maxRequestBytes, Features features, ServiceInfo info, JwtSettings jwt,
                      RateLimits rateLimits) {
        this(host, port, maxRequestBytes, features, info, jwt, rateLimits, Browser.defaults());
    }

    /**
     * Browser sessions (the web console's cookies).
     *
     * @param csrfSecret          key of the session-bound CSRF tokens ({@code CSRF_SECRET}, at least 32 bytes); when
     *                            empty it is derived from the HS256 session secret, or random per process with RS256
     *                            (set it when several replicas serve browsers with RS256 tokens)
     * @param alwaysSecureCookies {@code true} ({@code COOKIE_SECURE=always}): every cookie is {@code Secure}, for a
     *                            TLS-terminating proxy that does not send {@code X-Forwarded-Proto}; {@code false}
     *                            ({@code auto}, the default): {@code Secure} when the request came over TLS or says
     *                            {@code X-Forwarded-Proto: https}. That header is honoured from any client because it
     *                            can only add {@code Secure}, never remove it.
     */
    public record Browser(Optional<String> csrfSecret, boolean alwaysSecureCookies) {
        public static final int MIN_CSRF_SECRET_BYTES = 32;

        public Browser {
            Objects.requireNonNull(csrfSecret, "csrfSecret");
            csrfSecret.ifPresent(secret -> BillingException.require(
                    secret.getBytes(StandardCharsets.UTF_8).length >= MIN_CSRF_SECRET_BYTES,
                    "the CSRF secret must be at least " + MIN_CSRF_SECRET_BYTES + " bytes long"));
        }

        /** Key derived from the session secret, {@code Secure} cookies over TLS. */
        public static Browser defaults() {
            return new Browser(Optional.empty(), false);
        }
    }

    /**
     * Feature flags. When {@code billingEnabled} is false every route under {@code /api/v1/billing},
     * {@code /api/v1/usage} and {@code /api/v1/quota} answers 503.
     */
    public record Features(boolean billingEnabled, boolean transparencyEnabled, boolean fraudDetectionEnabled,
                           boolean abTestingEnabled) {
        public static Features allOn() {
            return new Features(true, true, true, true);
        }
    }

    /**
     * What the service says about itself.
     *
     * @param name            product name, e.g. {@code BillKit}
     * @param version         build version
     * @param catalogName     the active catalog's name ({@code apex}, {@code credits}, ...)
     * @param paymentProvider which payment provider is wired ({@code mock}, {@code stripe})
     */
    public record ServiceInfo(String name, String version, String catalogName, String paymentProvider) {
        public ServiceInfo {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(catalogName, "catalogName");
            Objects.requireNonNull(paymentProvider, "paymentProvider");
        }
    }

    /**
     * How session tokens are verified: exactly one of an HS256 shared secret (at least 32 bytes) or an
     * RS256 public key in PEM ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo). When
     * {@code issuer} is present the token's {@code iss} must equal it.
     */
    public record JwtSettings(Optional<String> hmacSecret, Optional<String> rsaPublicKeyPem, Optional<String> issuer) {
        public static final int MIN_HMAC_SECRET_BYTES = 32;

        public JwtSettings {
            Objects.requireNonNull(hmacSecret, "hmacSecret");
            Objects.requireNonNull(rsaPublicKeyPem, "rsaPublicKeyPem");
            Objects.requireNonNull(issuer, "issuer");
            BillingException.require(hmacSecret.isPresent() != rsaPublicKeyPem.isPresent(),
                    "give exactly one of an HS256 secret or an RS256 public key");
            hmacSecret.ifPresent(secret -> BillingException.require(
                    secret.getBytes(StandardCharsets.UTF_8).length >= MIN_HMAC_SECRET_BYTES,
                    "the HS256 secret must be at least " + MIN_HMAC_SECRET_BYTES + " bytes long"));
        }

        public static JwtSettings hs256(String secret, Optional<String> issuer) {
            return new JwtSettings(Optional.of(secret), Optional.empty(), issuer);
        }

        public static JwtSettings rs256(String publicKeyPem, Optional<String> issuer) {
            return new JwtSettings(Optional.empty(), Optional.of(publicKeyPem), issuer);
        }
    }

    /**
     * Request budgets (token buckets, refilled greedily over the window).
     *
     * @param billingRequests   requests one user may make to billing routes per {@code billingWindow}
     * @param billingWindow     window of the per-user budget
     * @param ingestionRequests requests one API key may make to ingestion routes per {@code ingestionWindow}
     * @param ingestionWindow   window of the per-key budget
     */
    public record RateLimits(long billingRequests, Duration billingWindow, long ingestionRequests,
                             Duration ingestionWindow) {
        public RateLimits {
            Objects.requireNonNull(billingWindow, "billingWindow");
            Objects.requireNonNull(ingestionWindow, "ingestionWindow");
            BillingException.require(billingRequests >= 1 && ingestionRequests >= 1,
                    "rate limits must allow at least 1 request");
            BillingException.require(!billingWindow.isNegative() && !billingWindow.isZero()
                    && !ingestionWindow.isNegative() && !ingestionWindow.isZero(), "rate limit windows must be positive");
        }

        /** 100 requests per 15 minutes per user; 10,000 requests per minute per API key. */
        public static RateLimits defaults() {
            return new RateLimits(100, Duration.ofMinutes(15), 10_000, Duration.ofMinutes(1));
        }
    }
}
