package io.billkit.adapter.http;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.Verification;
import io.billkit.domain.BillingException;
import io.billkit.domain.customer.CustomerId;
import io.javalin.http.Context;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies session tokens (JWT, HS256 or RS256 as configured) taken from {@code Authorization: Bearer ...}
 * or, when there is no Bearer header, from the httpOnly cookie {@code billkit_session}. Claims {@code sub},
 * {@code customer}, {@code role} and {@code exp} are required; {@code iss} when an issuer is configured.
 */
final class JwtAuthenticator {
    static final String CUSTOMER_CLAIM = "customer";
    static final String ROLE_CLAIM = "role";
    private static final long LEEWAY_SECONDS = 30;

    private final JWTVerifier verifier;

    JwtAuthenticator(HttpConfig.JwtSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Algorithm algorithm = settings.hmacSecret()
                .map(Algorithm::HMAC256)
                .orElseGet(() -> Algorithm.RSA256(parsePublicKey(settings.rsaPublicKeyPem().orElseThrow()), null));
        Verification verification = JWT.require(algorithm)
                .withClaimPresence("sub")
                .withClaimPresence("exp")
                .withClaimPresence(CUSTOMER_CLAIM)
                .withClaimPresence(ROLE_CLAIM)
                .acceptLeeway(LEEWAY_SECONDS);
        settings.issuer().ifPresent(verification::withIssuer);
        this.verifier = ((JWTVerifier.BaseVerification) verification).build(clock);
    }

    /** The request's user; throws 401 when there is no token or it does not verify. */
    AuthenticatedUser authenticate(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return verify(authorization.substring(7).trim(), AuthenticatedUser.Credential.BEARER);
        }
        String cookie = ctx.cookie(SessionTokens.SESSION_COOKIE);
        if (cookie != null && !cookie.isBlank()) {
            return verify(cookie, AuthenticatedUser.Credential.COOKIE);
        }
        throw ApiProblem.unauthenticated("a session token is required (cookie " + SessionTokens.SESSION_COOKIE
                + " or Authorization: Bearer)");
    }

    AuthenticatedUser verify(String token, AuthenticatedUser.Credential credential) {
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (TokenExpiredException e) {
            throw ApiProblem.unauthenticated("the session token has expired");
        } catch (JWTVerificationException e) {
            // the library's message (which claim, which algorithm, parser internals) goes to the log only
            throw ApiProblem.unauthenticated("the session token is invalid: " + reason(e), e.getMessage());
        }
        String roleClaim = jwt.getClaim(ROLE_CLAIM).asString();
        Role role = Role.fromClaim(roleClaim).orElseThrow(() ->
                ApiProblem.unauthenticated("the session token's role must be 'member' or 'admin'"));
        String customerClaim = jwt.getClaim(CUSTOMER_CLAIM).asString();
        CustomerId customer;
        try {
            customer = CustomerId.of(Optional.ofNullable(customerClaim).orElse(""));
        } catch (BillingException e) {
            throw ApiProblem.unauthenticated("the session token's customer claim is invalid");
        }
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            throw ApiProblem.unauthenticated("the session token has no subject");
        }
        return new AuthenticatedUser(subject, customer, role, credential);
    }

    /** Why a token was refused, in our words. */
    private static String reason(JWTVerificationException e) {
        if (e instanceof com.auth0.jwt.exceptions.JWTDecodeException) {
            return "it is not a well-formed JWT";
        }
        if (e instanceof com.auth0.jwt.exceptions.AlgorithmMismatchException) {
            return "its algorithm is not the one this service accepts";
        }
        if (e instanceof com.auth0.jwt.exceptions.SignatureVerificationException) {
            return "its signature does not verify";
        }
        if (e instanceof com.auth0.jwt.exceptions.MissingClaimException) {
            return "a required claim is missing (sub, exp, customer, role)";
        }
        if (e instanceof com.auth0.jwt.exceptions.IncorrectClaimException) {
            return "a claim has a value this service does not accept (issuer, not-before, issued-at)";
        }
        return "it does not verify";
    }

    /** An RSA public key from PEM ({@code BEGIN PUBLIC KEY}); literal {@code \n} sequences are accepted. */
    static RSAPublicKey parsePublicKey(String pem) {
        String base64 = pem.replace("\\n", "\n")
                .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
            throw BillingException.invalid("the JWT public key is not an RSA public key in PEM "
                    + "(-----BEGIN PUBLIC KEY-----): " + e.getMessage());
        }
    }
}
