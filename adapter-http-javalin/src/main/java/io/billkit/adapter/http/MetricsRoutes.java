package io.billkit.adapter.http;

import java.util.Objects;

/**
 * {@code GET /api/v1/metrics} and {@code GET /metrics} (the path Prometheus scrapes by default): Prometheus text
 * exposition of {@link HttpMetrics}' registry.
 */
final class MetricsRoutes implements RouteGroup {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpMetrics metrics;

    MetricsRoutes(HttpMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public String name() {
        return "operations";
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.get("/api/v1/metrics", Access.PUBLIC, "Prometheus metrics",
                ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape()));
        routes.answersMedia(200, "Prometheus text exposition format 0.0.4", "text/plain");
        routes.get("/metrics", Access.PUBLIC, "Prometheus metrics (the scrape path Prometheus uses by default)",
                ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape()));
        routes.answersMedia(200, "Prometheus text exposition format 0.0.4", "text/plain");
    }
}
