package io.billkit.adapter.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The only way routes get onto the server. Each route is declared with its access level and a summary;
 * the registry wraps the handler with {@link AccessControl} (authentication, role, CSRF, rate limit),
 * registers it with Javalin (a GET route also as HEAD) and remembers its {@link RouteSpec} for the OpenAPI document.
 */
final class RouteRegistry {
    private final JavalinDefaultRoutingApi javalin;
    private final AccessControl accessControl;
    private final IdempotentRequests idempotency;
    private final List<AtomicReference<RouteSpec>> specs;
    private final String group;
    /** The route the documentation methods ({@link #body}, {@link #answers}, ...) amend. */
    private AtomicReference<RouteSpec> last;

    RouteRegistry(JavalinDefaultRoutingApi javalin, AccessControl accessControl, IdempotentRequests idempotency) {
        this(javalin, accessControl, idempotency, new ArrayList<>(), "default");
    }

    private RouteRegistry(JavalinDefaultRoutingApi javalin, AccessControl accessControl, IdempotentRequests idempotency,
                          List<AtomicReference<RouteSpec>> specs, String group) {
        this.javalin = Objects.requireNonNull(javalin, "javalin");
        this.accessControl = Objects.requireNonNull(accessControl, "accessControl");
        this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
        this.specs = specs;
        this.group = Objects.requireNonNull(group, "group");
    }

    /** Registers {@code routeGroup}'s routes, tagged with its name. */
    void add(RouteGroup routeGroup) {
        routeGroup.register(new RouteRegistry(javalin, accessControl, idempotency, specs, routeGroup.name()));
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
        AtomicReference<RouteSpec> current = new AtomicReference<>(spec);
        synchronized (specs) {
            if (specs.stream().anyMatch(s -> s.get().key().equals(spec.key()))) {
                throw new IllegalStateException("route registered twice: " + spec.key());
            }
            specs.add(current);
        }
        last = current;
        Handler guarded = accessControl.guard(spec, idempotency.wrap(current::get, handler));
        javalin.addHttpHandler(method, path, guarded);
        if (method == HandlerType.GET) {
            // HEAD runs the GET route (access control, ETag, Content-Type, Content-Length); Jetty drops the body.
            // Without it Javalin would answer every HEAD 200 text/plain without running anything.
            javalin.addHttpHandler(HandlerType.HEAD, path, guarded);
        }
        return this;
    }

    private RouteRegistry amend(UnaryOperator<RouteDocs> change) {
        if (last == null) {
            throw new IllegalStateException("document a route after registering it");
        }
        last.updateAndGet(spec -> spec.withDocs(change.apply(spec.docs())));
        return this;
    }

    /** The last route reads a JSON body of {@code type} (required: an empty body is a 400). */
    RouteRegistry body(Type type) {
        return amend(d -> d.withRequest(type, true));
    }

    /** The last route reads an optional JSON body of {@code type}. */
    RouteRegistry optionalBody(Type type) {
        return amend(d -> d.withRequest(type, false));
    }

    /** The last route answers {@code status} with a JSON body of {@code type}. */
    RouteRegistry answers(int status, String description, Type type) {
        return amend(d -> d.withAnswer(status, new RouteDocs.Answer(description, Optional.of(type),
                Optional.of("application/json"))));
    }

    /** The last route answers {@code status} with a body of {@code mediaType} (not JSON). */
    RouteRegistry answersMedia(int status, String description, String mediaType) {
        return amend(d -> d.withAnswer(status, new RouteDocs.Answer(description, Optional.empty(),
                Optional.of(mediaType))));
    }

    /** The last route answers {@code status} without a body. */
    RouteRegistry answersEmpty(int status, String description) {
        return amend(d -> d.withAnswer(status, new RouteDocs.Answer(description, Optional.empty(), Optional.empty())));
    }

    /** The last route can answer {@code status} with a problem (beyond those its access level implies). */
    RouteRegistry problem(int status, String description) {
        return amend(d -> d.withAnswer(status, new RouteDocs.Answer(description, Optional.of(Problem.class),
                Optional.of(Problem.CONTENT_TYPE))));
    }

    /** A query or header parameter of the last route ({@link OpenApiDocument.Params} builds them). */
    RouteRegistry param(RouteDocs.Param param) {
        return amend(d -> d.withParam(param));
    }

    /** An optional text query parameter of the last route. */
    RouteRegistry query(String name, String description) {
        return param(OpenApiDocument.Params.query(name, description));
    }

    /** An optional integer query parameter of the last route within {@code min..max}. */
    RouteRegistry queryInt(String name, String description, int min, int max) {
        return param(OpenApiDocument.Params.integer(name, description, min, max));
    }

    /** An optional {@code yyyy-MM-dd} query parameter of the last route. */
    RouteRegistry queryDate(String name, String description) {
        return param(OpenApiDocument.Params.date(name, description));
    }

    /** An optional query parameter of the last route naming a constant of {@code type}. */
    <E extends Enum<E>> RouteRegistry queryEnum(String name, String description, Class<E> type) {
        return param(OpenApiDocument.Params.enumValue(name, description, type));
    }

    /** A header the last route reads. */
    RouteRegistry header(String name, String description, boolean required) {
        RouteDocs.Param header = OpenApiDocument.Params.header(name, description);
        return param(required ? header.asRequired() : header);
    }

    /** The last route handles {@code Idempotency-Key} itself rather than through {@link IdempotentRequests}. */
    RouteRegistry ownIdempotency() {
        return amend(RouteDocs::withOwnIdempotency);
    }

    /** Every route registered so far, in registration order. */
    List<RouteSpec> specs() {
        synchronized (specs) {
            return specs.stream().map(AtomicReference::get).toList();
        }
    }
}
