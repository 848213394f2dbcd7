package io.billkit.adapter.http;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.billkit.domain.customer.CustomerId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Issues HS256 session tokens with the claims the API checks: {@code sub}, {@code customer}, {@code role}
 * ({@code member}|{@code admin}), {@code exp}, {@code iat} and, when given, {@code iss}. Used by bootstrap for
 * the demo tokens and by a future login route; RS256 tokens come from an external identity provider.
 */
public final class SessionTokens {
    /** Cookie that carries the session token for browsers (httpOnly). */
    public static final String SESSION_COOKIE = "billkit_session";
    /** Cookie whose value a browser must echo in {@link #CSRF_HEADER} on unsafe methods. */
    public static final String CSRF_COOKIE = "billkit_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private SessionTokens() {
    }

    /**
     * @param secret    the HS256 secret (same as {@link HttpConfig.JwtSettings#hmacSecret()})
     * @param issuer    {@code iss} claim, when the verifier expects one
     * @param issuedAt  {@code iat}
     * @param expiresAt {@code exp}; must be after {@code issuedAt}
     */
    public static String issueHs256(String secret, Optional<String> issuer, String subject, CustomerId customer,
                                    Role role, Instant issuedAt, Instant expiresAt) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        var builder = JWT.create()
                .withSubject(subject)
                .withClaim(JwtAuthenticator.CUSTOMER_CLAIM, customer.value())
                .withClaim(JwtAuthenticator.ROLE_CLAIM, role.claim())
                .withIssuedAt(issuedAt)
                .withExpiresAt(expiresAt);
        issuer.ifPresent(builder::withIssuer);
        return builder.sign(Algorithm.HMAC256(secret));
    }
}
