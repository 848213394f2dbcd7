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
 */
record RouteSpec(HandlerType method, String path, String group, String summary, Access access) {
    RouteSpec {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(access, "access");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/': " + path);
        }
    }

    /** {@code GET /api/v1/meta/info}. */
    String key() {
        return method.name() + " " + path;
    }
}
