package io.billkit.adapter.http;

/**
 * Whether the service can take traffic now (database reachable, migrations applied, ...). Called on every
 * {@code GET /api/v1/health/ready}; must be cheap and must not throw (a throw counts as not ready).
 */
@FunctionalInterface
public interface ReadinessCheck {
    boolean isReady();

    static ReadinessCheck alwaysReady() {
        return () -> true;
    }
}
