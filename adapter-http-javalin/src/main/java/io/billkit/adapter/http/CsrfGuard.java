package io.billkit.adapter.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Double-submit CSRF check for cookie-authenticated requests: on POST, PUT, PATCH and DELETE the header
 * {@code X-CSRF-Token} must equal the cookie {@code billkit_csrf} (compared in constant time). Bearer and
 * API-key requests are exempt: a cross-site page cannot set those headers.
 */
final class CsrfGuard {
    private static final Set<HandlerType> UNSAFE = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE);

    private CsrfGuard() {
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
