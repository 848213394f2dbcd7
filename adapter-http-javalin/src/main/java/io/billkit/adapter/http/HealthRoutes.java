package io.billkit.adapter.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * Probes: {@code GET /api/v1/health/live} answers 200 while the process serves HTTP;
 * {@code GET /api/v1/health/ready} asks the {@link ReadinessCheck} and answers 200 or 503 problem+json.
 */
final class HealthRoutes implements RouteGroup {
    private static final Logger log = LoggerFactory.getLogger(HealthRoutes.class);

    private final ReadinessCheck readiness;

    HealthRoutes(ReadinessCheck readiness) {
        this.readiness = Objects.requireNonNull(readiness, "readiness");
    }

    @Override
    public String name() {
        return "health";
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.get("/api/v1/health/live", Access.PUBLIC, "Liveness probe", ctx -> ctx.json(new StatusBody("UP")));
        routes.answers(200, "The process is alive", StatusBody.class);
        routes.get("/api/v1/health/ready", Access.PUBLIC, "Readiness probe (503 when not ready)", ctx -> {
            if (!ready()) {
                throw ApiProblem.notReady();
            }
            ctx.json(new StatusBody("READY"));
        });
        routes.answers(200, "Ready to take traffic", StatusBody.class)
                .problem(503, "Not ready (database unreachable or starting)");
    }

    /** {@code {"status":"UP"}} or {@code {"status":"READY"}}. */
    record StatusBody(String status) {
    }

    private boolean ready() {
        try {
            return readiness.isReady();
        } catch (RuntimeException e) {
            log.warn("readiness check failed", e);
            return false;
        }
    }
}
