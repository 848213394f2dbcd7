package io.billkit.adapter.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The only way routes get onto the server. Each route is declared with its access level and a summary;
 * the registry wraps the handler with {@link AccessControl} (authentication, role, CSRF, rate limit),
 * registers it with Javalin (a GET route also as HEAD) and remembers its {@link RouteSpec} for the OpenAPI document.
 */
final class RouteRegistry {
    private final JavalinDefaultRoutingApi javalin;
    private final AccessControl accessControl;
    private final List<RouteSpec> specs;
    private final String group;

    RouteRegistry(JavalinDefaultRoutingApi javalin, AccessControl accessControl) {
        this(javalin, accessControl, new ArrayList<>(), "default");
    }

    private RouteRegistry(JavalinDefaultRoutingApi javalin, AccessControl accessControl, List<RouteSpec> specs,
                          String group) {
        this.javalin = Objects.requireNonNull(javalin, "javalin");
        this.accessControl = Objects.requireNonNull(accessControl, "accessControl");
        this.specs = specs;
        this.group = Objects.requireNonNull(group, "group");
    }

    /** Registers {@code routeGroup}'s routes, tagged with its name. */
    void add(RouteGroup routeGroup) {
        routeGroup.register(new RouteRegistry(javalin, accessControl, specs, routeGroup.name()));
    }

    RouteRegistry get(String path, Access access, String summary, Handler handler) {
        return route(HandlerType.GET, path, access, summary, handler);
    }

    RouteRegistry post(String path, Access access, String summary, Handler handler) {
        return route(HandlerType.POST, path, access, summary, handler);
    }

    RouteRegistry put(String path, Access access, String summary, Handler handler) {
        return route(HandlerType.PUT, path, access, summary, handler);
    }

    RouteRegistry patch(String path, Access access, String summary, Handler handler) {
        return route(HandlerType.PATCH, path, access, summary, handler);
    }

    RouteRegistry delete(String path, Access access, String summary, Handler handler) {
        return route(HandlerType.DELETE, path, access, summary, handler);
    }

    RouteRegistry route(HandlerType method, String path, Access access, String summary, Handler handler) {
        Objects.requireNonNull(handler, "handler");
        RouteSpec spec = new RouteSpec(method, path, group, summary, access);
        synchronized (specs) {
            if (specs.stream().anyMatch(s -> s.key().equals(spec.key()))) {
                throw new IllegalStateException("route registered twice: " + spec.key());
            }
            specs.add(spec);
        }
        Handler guarded = accessControl.guard(spec, handler);
        javalin.addHttpHandler(method, path, guarded);
        if (method == HandlerType.GET) {
            // HEAD runs the GET route (access control, ETag, Content-Type, Content-Length); Jetty drops the body.
            // Without it Javalin would answer every HEAD 200 text/plain without running anything.
            javalin.addHttpHandler(HandlerType.HEAD, path, guarded);
        }
        return this;
    }

    /** Every route registered so far, in registration order. */
    List<RouteSpec> specs() {
        synchronized (specs) {
            return Collections.unmodifiableList(new ArrayList<>(specs));
        }
    }
}
