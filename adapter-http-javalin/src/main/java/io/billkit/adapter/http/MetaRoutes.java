package io.billkit.adapter.http;

import java.util.Objects;

/** {@code GET /api/v1/meta/features} and {@code GET /api/v1/meta/info}: what this deployment offers. */
final class MetaRoutes implements RouteGroup {
    private final HttpConfig.Features features;
    private final HttpConfig.ServiceInfo info;

    MetaRoutes(HttpConfig.Features features, HttpConfig.ServiceInfo info) {
        this.features = Objects.requireNonNull(features, "features");
        this.info = Objects.requireNonNull(info, "info");
    }

    @Override
    public String name() {
        return "meta";
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.get("/api/v1/meta/features", Access.PUBLIC, "Feature flags of this deployment",
                ctx -> ctx.json(features));
        routes.answers(200, "The feature switches", HttpConfig.Features.class);
        routes.get("/api/v1/meta/info", Access.PUBLIC, "Service name, version, catalog and payment provider",
                ctx -> ctx.json(new InfoResponse(info.name(), info.version(), info.catalogName(),
                        info.paymentProvider())));
        routes.answers(200, "What this deployment runs", InfoResponse.class);
    }

    record InfoResponse(String name, String version, String catalog, String paymentProvider) {
    }
}
