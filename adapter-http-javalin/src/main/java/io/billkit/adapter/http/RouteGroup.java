package io.billkit.adapter.http;

/**
 * A group of related routes ({@code MetaRoutes}, {@code UsageRoutes}, ...). Each group is one class that
 * gets its collaborators through its constructor and declares its routes on the registry; the server adds
 * every group in {@link BillKitHttpServer}.
 */
interface RouteGroup {
    /** Short name, used as the OpenAPI tag ({@code meta}, {@code usage}). */
    String name();

    void register(RouteRegistry routes);
}
