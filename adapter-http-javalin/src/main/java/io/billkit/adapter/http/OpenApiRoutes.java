package io.billkit.adapter.http;

import java.util.Objects;

/** {@code GET /api/v1/openapi.json}: the OpenAPI 3.1 document of every registered route. */
final class OpenApiRoutes implements RouteGroup {
    private final HttpConfig.ServiceInfo info;

    OpenApiRoutes(HttpConfig.ServiceInfo info) {
        this.info = Objects.requireNonNull(info, "info");
    }

    @Override
    public String name() {
        return "meta";
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.get("/api/v1/openapi.json", Access.PUBLIC, "This OpenAPI document",
                ctx -> ctx.json(OpenApiDocument.build(info, routes.specs())));
        routes.answersMedia(200, "OpenAPI 3.1 document", "application/json");
    }
}
