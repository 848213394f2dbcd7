package io.billkit.adapter.http;

import io.javalin.http.Context;

import java.util.List;

/**
 * The billing feature switch: with billing disabled every request under {@code /api/v1/billing},
 * {@code /api/v1/usage} and {@code /api/v1/quota} (registered or not) answers 503 problem+json, before
 * authentication. The same prefixes mark the routes that get the per-user rate limit.
 */
final class BillingGate {
    private static final List<String> PREFIXES = List.of("/api/v1/billing", "/api/v1/usage", "/api/v1/quota");

    private final boolean billingEnabled;

    BillingGate(boolean billingEnabled) {
        this.billingEnabled = billingEnabled;
    }

    void check(Context ctx) {
        if (!billingEnabled && isBillingPath(ctx.path())) {
            throw ApiProblem.billingDisabled();
        }
    }

    static boolean isBillingPath(String path) {
        for (String prefix : PREFIXES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }
}
