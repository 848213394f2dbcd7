package io.billkit.adapter.http;

import io.javalin.http.HandlerType;

import java.util.Objects;

/**
 * One registered route as the OpenAPI document describes it.
 *
 * @param method  HTTP method
 * @param path    Javalin path template with {@code {param}} segments, e.g. {@code /api/v1/invoices/{id}}
 * @param group   the route group's name (an OpenAPI tag)
 * @param summary one line for humans
 * @param access  who may call it
 * @param docs    bodies, answers and parameters for the OpenAPI document
 */
record RouteSpec(HandlerType method, String path, String group, String summary, Access access, RouteDocs docs) {
    RouteSpec(HandlerType method, String path, String group, String summary, Access access) {
        this(method, path, group, summary, access, RouteDocs.none());
    }

    RouteSpec {
        Objects.requireNonNull(docs, "docs");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(access, "access");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/': " + path);
        }
    }

    /** The same route with other docs. */
    RouteSpec withDocs(RouteDocs newDocs) {
        return new RouteSpec(method, path, group, summary, access, newDocs);
    }

    /**
     * Whether {@link IdempotentRequests} handles {@code Idempotency-Key} on this route: every state-changing POST of
     * an authenticated caller, unless the route keeps its own ({@link RouteDocs#ownIdempotency()}).
     */
    boolean genericIdempotency() {
        return method == HandlerType.POST && access != Access.PUBLIC && !docs.ownIdempotency();
    }

    /** {@code GET /api/v1/meta/info}. */
    String key() {
        return method.name() + " " + path;
    }
}
