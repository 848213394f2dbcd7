package io.billkit.adapter.http;

import com.auth0.jwt.JWT;
import io.javalin.http.Context;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Browser sessions for the web console:
 * <ul>
 *   <li>{@code POST /api/v1/session} {@code {"token":"<JWT>"}}: verifies the session token exactly as every
 *       session route does, then sets it as the httpOnly cookie {@value SessionTokens#SESSION_COOKIE}
 *       ({@code SameSite=Strict}, path {@code /api}, {@code Secure} over https, expiring with the token) and a
 *       CSRF token bound to that session ({@link CsrfGuard}) as the script-readable cookie {@value SessionTokens#CSRF_COOKIE} (path {@code /}),
 *       which the console echoes in {@value SessionTokens#CSRF_HEADER} on writes. Only {@code application/json}
 *       bodies are accepted (415 otherwise) and a cross-origin {@code Origin} is 403, so another site cannot
 *       sign a browser in to an account of its choosing (login CSRF). The token never appears in a URL;</li>
 *   <li>{@code GET /api/v1/session}: who the session is ({@code subject}, {@code customerId}, {@code role}) and
 *       the CSRF cookie and header names ({@code csrf});</li>
 *   <li>{@code DELETE /api/v1/session}: clears both cookies (always 204, also for an expired session). A
 *       cross-site page cannot send a DELETE without a CORS preflight, which this service never grants.</li>
 * </ul>
 */
final class SessionRoutes implements RouteGroup {
    static final String PATH = "/api/v1/session";
    static final String SESSION_COOKIE_PATH = "/api";
    static final String CSRF_COOKIE_PATH = "/";

    record SignInRequest(String token) {
    }

    /** Where a browser finds the CSRF token and where it sends it back, so clients need not hard-code them. */
    record CsrfBody(String cookie, String header) {
        static final CsrfBody NAMES = new CsrfBody(SessionTokens.CSRF_COOKIE, SessionTokens.CSRF_HEADER);
    }

    record SessionBody(String subject, String customerId, String role, Optional<Instant> expiresAt, CsrfBody csrf) {
        static SessionBody of(AuthenticatedUser user, Optional<Instant> expiresAt) {
            return new SessionBody(user.subject(), user.customer().value(), user.role().claim(), expiresAt,
                    CsrfBody.NAMES);
        }
    }

    private final JwtAuthenticator sessions;
    private final CsrfGuard csrf;
    private final boolean alwaysSecure;
    private final Clock clock;
    private final JsonBody json;

    SessionRoutes(JwtAuthenticator sessions, CsrfGuard csrf, boolean alwaysSecure, Clock clock, JsonBody json) {
        this.csrf = Objects.requireNonNull(csrf, "csrf");
        this.alwaysSecure = alwaysSecure;
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public String name() {
        return "session";
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.post(PATH, Access.PUBLIC,
                "Sign in a browser: verify a session token and set it as the httpOnly cookie plus a CSRF cookie",
                this::signIn);
        routes.get(PATH, Access.MEMBER, "The signed-in session: subject, customer and role",
                ctx -> ctx.json(SessionBody.of(AccessControl.requireMember(ctx), Optional.empty())));
        routes.delete(PATH, Access.PUBLIC, "Sign out a browser: clear the session and CSRF cookies", ctx -> {
            ctx.header("Set-Cookie", cookie(SessionTokens.SESSION_COOKIE, "", SESSION_COOKIE_PATH, true, 0, ctx, alwaysSecure));
            ctx.res().addHeader("Set-Cookie", cookie(SessionTokens.CSRF_COOKIE, "", CSRF_COOKIE_PATH, false, 0, ctx, alwaysSecure));
            ctx.header("Cache-Control", "no-store");
            ctx.status(204);
        });
    }

    private void signIn(Context ctx) {
        String contentType = Optional.ofNullable(ctx.contentType()).orElse("").toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("application/json")) {
            throw new ApiProblem(415, "unsupported-media-type", "Unsupported media type",
                    "sign-in needs Content-Type: application/json", Optional.empty(), Map.of());
        }
        requireSameOrigin(ctx);
        SignInRequest body = json.read(ctx, SignInRequest.class);
        String token = TextBounds.check(JsonBody.requiredText(body.token(), "token"), "token", TextBounds.SESSION_TOKEN)
                .trim();
        AuthenticatedUser user = sessions.verify(token, AuthenticatedUser.Credential.COOKIE);
        Optional<Instant> expiresAt = Optional.ofNullable(JWT.decode(token).getExpiresAtAsInstant());
        long maxAge = expiresAt.map(exp -> Math.max(1, Duration.between(clock.instant(), exp).toSeconds()))
                .orElse(3600L);
        ctx.header("Set-Cookie", cookie(SessionTokens.SESSION_COOKIE, token, SESSION_COOKIE_PATH, true, maxAge, ctx,
                alwaysSecure));
        ctx.res().addHeader("Set-Cookie", cookie(SessionTokens.CSRF_COOKIE, csrf.issueToken(token),
                CSRF_COOKIE_PATH, false, maxAge, ctx, alwaysSecure));
        ctx.header("Cache-Control", "no-store");
        ctx.json(SessionBody.of(user, expiresAt));
    }

    /** A present {@code Origin} must name this host (scheme-less compare of host and port). */
    private static void requireSameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || origin.isBlank() || origin.equals("null")) {
            return;
        }
        String host = ctx.header("Host");
        String originAuthority;
        try {
            originAuthority = URI.create(origin.trim()).getRawAuthority();
        } catch (IllegalArgumentException e) {
            originAuthority = null;
        }
        if (originAuthority == null || host == null || !originAuthority.equalsIgnoreCase(host.trim())) {
            throw ApiProblem.forbidden("sign-in from origin " + origin + " is not allowed; sign in on this host");
        }
    }

    /**
     * A Set-Cookie value, always {@code SameSite=Strict}; {@code Secure} when {@code alwaysSecure} or the request came
     * over https (directly, or via a proxy that says {@code X-Forwarded-Proto: https}).
     */
    static String cookie(String name, String value, String path, boolean httpOnly, long maxAgeSeconds, Context ctx,
                         boolean alwaysSecure) {
        StringBuilder cookie = new StringBuilder(name).append('=').append(value)
                .append("; Path=").append(path)
                .append("; Max-Age=").append(maxAgeSeconds)
                .append("; SameSite=Strict");
        if (httpOnly) {
            cookie.append("; HttpOnly");
        }
        if (alwaysSecure || secure(ctx)) {
            cookie.append("; Secure");
        }
        return cookie.toString();
    }

    private static boolean secure(Context ctx) {
        String forwarded = ctx.header("X-Forwarded-Proto");
        return "https".equalsIgnoreCase(ctx.scheme()) || (forwarded != null && forwarded.trim().equalsIgnoreCase("https"));
    }
}
