package io.billkit.adapter.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
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
        routes.get("/api/v1/health/live", Access.PUBLIC, "Liveness probe", ctx -> ctx.json(Map.of("status", "UP")));
        routes.get("/api/v1/health/ready", Access.PUBLIC, "Readiness probe (503 when not ready)", ctx -> {
            if (!ready()) {
                throw ApiProblem.notReady();
            }
            ctx.json(Map.of("status", "READY"));
        });
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
