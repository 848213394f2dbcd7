package io.billkit.adapter.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Double-submit CSRF check for cookie-authenticated requests: on POST, PUT, PATCH and DELETE the header
 * {@code X-CSRF-Token} must equal the cookie {@code billkit_csrf} (compared in constant time). Bearer and
 * API-key requests are exempt: a cross-site page cannot set those headers.
 */
final class CsrfGuard {
    private static final Set<HandlerType> UNSAFE = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE);

    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfGuard() {
    }

    /**
     * A fresh CSRF token for a browser session that starts with {@code sessionToken} (set as the
     * {@link SessionTokens#CSRF_COOKIE} cookie by the sign-in route): 32 random bytes, base64url.
     */
    static String issueToken(String sessionToken) {
        java.util.Objects.requireNonNull(sessionToken, "sessionToken");
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static void check(Context ctx, AuthenticatedUser user) {
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
    }
}
