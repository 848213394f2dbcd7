package io.billkit.adapter.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;

/**
 * CSRF check for cookie-authenticated requests, bound to the session: the CSRF token of a browser session is
 * {@code base64url(HMAC-SHA256(key, "billkit-csrf-v1:" + session token))}, issued as the script-readable cookie
 * {@code billkit_csrf} at sign-in. On POST, PUT, PATCH and DELETE the header {@code X-CSRF-Token} must equal that
 * cookie <em>and</em> the token computed from the request's session cookie (both compared in constant time). A
 * cookie planted from a sibling subdomain therefore does not pass: without the server's key nobody can compute the
 * token of a session. Bearer and API-key requests are exempt: a cross-site page cannot set those headers.
 *
 * <p>The key is {@code CSRF_SECRET} when configured, else derived from the HS256 session secret (so every replica
 * computes the same tokens), else random per process (RS256 without {@code CSRF_SECRET}: tokens then hold on one
 * replica only, which start-up warns about).
 */
final class CsrfGuard {
    private static final Set<HandlerType> UNSAFE = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE);
    private static final String CONTEXT = "billkit-csrf-v1:";

    private final byte[] key;

    CsrfGuard(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < 32) {
            throw new IllegalArgumentException("the CSRF key must be at least 32 bytes");
        }
        this.key = key.clone();
    }

    /** The key for {@code settings}: see the class comment. */
    static byte[] key(HttpConfig.Browser browser, HttpConfig.JwtSettings jwt) {
        if (browser.csrfSecret().isPresent()) {
            return browser.csrfSecret().get().getBytes(StandardCharsets.UTF_8);
        }
        if (jwt.hmacSecret().isPresent()) {
            return hmac(jwt.hmacSecret().get().getBytes(StandardCharsets.UTF_8), "billkit csrf key v1");
        }
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        return random;
    }

    /** The CSRF token of the browser session whose session cookie is {@code sessionToken}. */
    String issueToken(String sessionToken) {
        Objects.requireNonNull(sessionToken, "sessionToken");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, CONTEXT + sessionToken));
    }

    void check(Context ctx, AuthenticatedUser user) {
        if (user.credential() != AuthenticatedUser.Credential.COOKIE || !UNSAFE.contains(ctx.method())) {
            return;
        }
        String cookie = ctx.cookie(SessionTokens.CSRF_COOKIE);
        String header = ctx.header(SessionTokens.CSRF_HEADER);
        if (cookie == null || cookie.isEmpty() || header == null || header.isEmpty()) {
            throw ApiProblem.csrf("cookie-authenticated " + ctx.method() + " requests need the header "
                    + SessionTokens.CSRF_HEADER + " equal to the cookie " + SessionTokens.CSRF_COOKIE);
        }
        if (!MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8))) {
            throw ApiProblem.csrf("the " + SessionTokens.CSRF_HEADER + " header does not match the "
                    + SessionTokens.CSRF_COOKIE + " cookie");
        }
        String session = ctx.cookie(SessionTokens.SESSION_COOKIE);
        String expected = session == null ? "" : issueToken(session);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8))) {
            throw ApiProblem.csrf("the " + SessionTokens.CSRF_HEADER + " header is not the CSRF token of this session; "
                    + "sign in again (POST /api/v1/session) to get one");
        }
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
