package io.billkit.adapter.http;

import io.billkit.application.port.in.webhook.ListWebhookEndpointsUseCase;
import io.billkit.application.port.in.webhook.RegisterWebhookEndpointCommand;
import io.billkit.application.port.in.webhook.RegisterWebhookEndpointUseCase;
import io.billkit.application.port.in.webhook.RegisteredWebhookEndpoint;
import io.billkit.application.port.in.webhook.WebhookEndpointView;
import io.billkit.application.port.out.WebhookDeliveryTally;
import io.billkit.domain.customer.CustomerId;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Outbound webhook endpoints (role {@code admin}):
 * <ul>
 *   <li>{@code POST /api/v1/admin/webhook-endpoints}: {@code {"url", "customerId"?, "eventTypes"?}} registers an
 *       endpoint (201) for one customer's events, or every customer's without {@code customerId}; an empty or
 *       missing {@code eventTypes} means every type. The answer carries the signing secret ({@code whsec_...})
 *       this once;</li>
 *   <li>{@code GET /api/v1/admin/webhook-endpoints?customerId=}: a customer's endpoints, or every endpoint
 *       (without secrets), each with {@code deliveries}: {@code pending}, {@code delivered}, {@code dead},
 *       {@code lastDeliveredAt} and {@code lastError} (of a delivery not yet delivered).</li>
 * </ul>
 */
final class WebhookEndpointRoutes implements RouteGroup {
    static final String PATH = "/api/v1/admin/webhook-endpoints";

    record RegisterRequest(CustomerId customerId, String url, List<String> eventTypes) {
    }

    /** How an endpoint's deliveries stand: counts by status, the last accepted one, the open error. */
    record DeliveriesBody(long pending, long delivered, long dead, Optional<Instant> lastDeliveredAt,
                          Optional<String> lastError) {
        static DeliveriesBody of(WebhookDeliveryTally t) {
            return new DeliveriesBody(t.pending(), t.delivered(), t.dead(), t.lastDelivered(), t.lastError());
        }
    }

    record EndpointBody(String id, Optional<String> customerId, String url, List<String> eventTypes, boolean active,
                        Instant createdAt, DeliveriesBody deliveries) {
        static EndpointBody of(WebhookEndpointView v) {
            return new EndpointBody(v.id(), v.customerId(), v.url(), v.eventTypes(), v.active(), v.createdAt(),
                    DeliveriesBody.of(v.deliveries()));
        }
    }

    record RegisteredBody(String id, Optional<String> customerId, String url, List<String> eventTypes,
                          boolean active, Instant createdAt, String secret) {
        static RegisteredBody of(RegisteredWebhookEndpoint r) {
            WebhookEndpointView v = r.endpoint();
            return new RegisteredBody(v.id(), v.customerId(), v.url(), v.eventTypes(), v.active(), v.createdAt(),
                    r.secret());
        }
    }

    record EndpointsBody(List<EndpointBody> endpoints) {
    }

    private final RegisterWebhookEndpointUseCase register;
    private final ListWebhookEndpointsUseCase list;
    private final JsonBody json;

    WebhookEndpointRoutes(RegisterWebhookEndpointUseCase register, ListWebhookEndpointsUseCase list, JsonBody json) {
        this.register = Objects.requireNonNull(register, "register");
        this.list = Objects.requireNonNull(list, "list");
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public String name() {
        return "webhook-endpoints";
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.post(PATH, Access.ADMIN,
                "Register an outbound webhook endpoint; the signing secret is returned once", this::registerEndpoint);
        routes.get(PATH, Access.ADMIN, "Outbound webhook endpoints of a customer (customerId) or all, without secrets, with their delivery state",
                ctx -> ctx.json(new EndpointsBody(list.list(Callers.requestedCustomer(ctx)).stream()
                        .map(EndpointBody::of).toList())));
    }

    private void registerEndpoint(Context ctx) {
        RegisterRequest body = json.read(ctx, RegisterRequest.class);
        String url = TextBounds.check(JsonBody.requiredText(body.url(), "url"), "url", TextBounds.URL);
        List<String> types = TextBounds.checkCount(body.eventTypes() == null ? List.of() : body.eventTypes(),
                "eventTypes", TextBounds.EVENT_TYPES);
        for (int i = 0; i < types.size(); i++) {
            TextBounds.check(types.get(i), "eventTypes[" + i + "]", TextBounds.EVENT_TYPE);
        }
        if (types.stream().anyMatch(Objects::isNull)) {
            throw ApiProblem.invalidField("eventTypes", "eventTypes must not contain null");
        }
        RegisteredWebhookEndpoint registered = register.register(new RegisterWebhookEndpointCommand(
                Optional.ofNullable(body.customerId()), url, types, Callers.user(ctx)));
        ctx.status(201).json(RegisteredBody.of(registered));
    }
}
