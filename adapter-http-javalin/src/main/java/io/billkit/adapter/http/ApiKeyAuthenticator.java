package io.billkit.adapter.http;

import io.billkit.application.port.out.ApiKeyStore;
import io.javalin.http.Context;

import java.util.Objects;

/**
 * Authenticates API keys from {@code X-Api-Key: <key>} or {@code Authorization: ApiKey <key>}: the key is
 * hashed with SHA-256 and looked up in the {@link ApiKeyStore}. Unknown or revoked keys get 401.
 */
final class ApiKeyAuthenticator {
    static final String HEADER = "X-Api-Key";

    private final ApiKeyStore store;

    ApiKeyAuthenticator(ApiKeyStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    ApiKeyPrincipal authenticate(Context ctx) {
        String key = ctx.header(HEADER);
        String authorization = ctx.header("Authorization");
        if ((key == null || key.isBlank()) && authorization != null
                && authorization.regionMatches(true, 0, "ApiKey ", 0, 7)) {
            key = authorization.substring(7).trim();
        }
        if (key == null || key.isBlank()) {
            throw ApiProblem.unauthenticated("an API key is required (X-Api-Key or Authorization: ApiKey)");
        }
        ApiKeyStore.ApiKey found = store.findByHash(ApiKeys.sha256Hex(key.trim()))
                .orElseThrow(() -> ApiProblem.unauthenticated("unknown API key"));
        if (found.revoked()) {
            throw ApiProblem.unauthenticated("the API key '" + found.id() + "' has been revoked");
        }
        return new ApiKeyPrincipal(found.id(), found.customer());
    }
}
