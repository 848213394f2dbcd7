package io.billkit.adapter.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.util.Objects;

/**
 * Runs before every route handler, according to the route's {@link Access}:
 * <ol>
 *   <li>authenticate (session token or API key), 401 on failure;</li>
 *   <li>{@link Access#ADMIN}: role {@code admin}, else 403;</li>
 *   <li>CSRF double-submit for cookie sessions on unsafe methods, else 403;</li>
 *   <li>rate limit: per user on customer billing routes ({@link BillingGate#isUserRateLimited}), per API key on
 *       API-key routes; 429 with {@code Retry-After}.</li>
 * </ol>
 * The principal is put on the context; handlers read it with {@link #requireMember(Context)},
 * {@link #requireAdmin(Context)} or {@link #requireApiKey(Context)}.
 */
final class AccessControl {
    private static final String USER_ATTRIBUTE = "billkit.user";
    private static final String API_KEY_ATTRIBUTE = "billkit.apiKey";

    private final JwtAuthenticator sessions;
    private final ApiKeyAuthenticator apiKeys;
    private final RateLimiter perUser;
    private final RateLimiter perApiKey;
    private final CsrfGuard csrf;

    AccessControl(JwtAuthenticator sessions, ApiKeyAuthenticator apiKeys, RateLimiter perUser, RateLimiter perApiKey,
                  CsrfGuard csrf) {
        this.csrf = Objects.requireNonNull(csrf, "csrf");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        this.perUser = Objects.requireNonNull(perUser, "perUser");
        this.perApiKey = Objects.requireNonNull(perApiKey, "perApiKey");
    }

    Handler guard(RouteSpec spec, Handler handler) {
        return switch (spec.access()) {
            case PUBLIC -> handler;
            case MEMBER, ADMIN -> ctx -> {
                AuthenticatedUser user = sessions.authenticate(ctx);
                if (spec.access() == Access.ADMIN && !user.isAdmin()) {
                    throw ApiProblem.forbidden("this route is for admins; user '" + user.subject() + "' is a "
                            + user.role().claim());
                }
                csrf.check(ctx, user);
                if (BillingGate.isUserRateLimited(spec.path())) {
                    perUser.acquire("user:" + user.subject());
                }
                ctx.attribute(USER_ATTRIBUTE, user);
                handler.handle(ctx);
            };
            case API_KEY -> ctx -> {
                ApiKeyPrincipal key = apiKeys.authenticate(ctx);
                perApiKey.acquire("key:" + key.keyId());
                ctx.attribute(API_KEY_ATTRIBUTE, key);
                handler.handle(ctx);
            };
        };
    }

    /** The session user of a {@link Access#MEMBER} or {@link Access#ADMIN} route (401 if there is none). */
    static AuthenticatedUser requireMember(Context ctx) {
        AuthenticatedUser user = ctx.attribute(USER_ATTRIBUTE);
        if (user == null) {
            throw ApiProblem.unauthenticated("a session is required");
        }
        return user;
    }

    /** The session user, who must be an admin (403 for a member). */
    static AuthenticatedUser requireAdmin(Context ctx) {
        AuthenticatedUser user = requireMember(ctx);
        if (!user.isAdmin()) {
            throw ApiProblem.forbidden("admins only");
        }
        return user;
    }

    /** The API key of an {@link Access#API_KEY} route (401 if there is none). */
    static ApiKeyPrincipal requireApiKey(Context ctx) {
        ApiKeyPrincipal key = ctx.attribute(API_KEY_ATTRIBUTE);
        if (key == null) {
            throw ApiProblem.unauthenticated("an API key is required");
        }
        return key;
    }
}
