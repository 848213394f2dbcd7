package io.billkit.adapter.http;

import io.javalin.http.Context;

import java.util.List;

/**
 * The billing feature switch: with billing disabled every request to a billing route answers 503
 * problem+json before authentication (registered or not). Billing routes are everything under
 * {@code /api/v1/billing}, {@code /api/v1/usage}, {@code /api/v1/quota} and {@code /api/v1/webhooks}, plus the
 * admin routes that bill ({@code /api/v1/admin/periods}, {@code /api/v1/admin/subscriptions}). The other admin
 * routes (customers, API keys, audit) stay available so an operator can prepare a deployment before
 * switching billing on.
 *
 * <p>The per-user rate limit applies to the customer-facing prefixes {@code /api/v1/billing},
 * {@code /api/v1/usage} and {@code /api/v1/quota} ({@link #isUserRateLimited}).
 */
final class BillingGate {
    private static final List<String> USER_PREFIXES = List.of("/api/v1/billing", "/api/v1/usage", "/api/v1/quota");
    private static final List<String> GATED_PREFIXES = List.of("/api/v1/billing", "/api/v1/usage", "/api/v1/quota",
            "/api/v1/webhooks", "/api/v1/admin/periods", "/api/v1/admin/subscriptions");

    private final boolean billingEnabled;

    BillingGate(boolean billingEnabled) {
        this.billingEnabled = billingEnabled;
    }

    void check(Context ctx) {
        if (!billingEnabled && isBillingPath(ctx.path())) {
            throw ApiProblem.billingDisabled();
        }
    }

    /** Whether {@code path} is a billing route (503 while billing is disabled). */
    static boolean isBillingPath(String path) {
        return matches(GATED_PREFIXES, path);
    }

    /** Whether {@code path} counts against the per-user request budget. */
    static boolean isUserRateLimited(String path) {
        return matches(USER_PREFIXES, path);
    }

    private static boolean matches(List<String> prefixes, String path) {
        for (String prefix : prefixes) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }
}
