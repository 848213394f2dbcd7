package io.billkit.adapter.http;

import io.billkit.application.port.in.webhook.EnableWebhookEndpointUseCase;
import io.billkit.application.port.in.webhook.ListWebhookDeliveriesUseCase;
import io.billkit.application.port.in.webhook.ListWebhookEndpointsUseCase;
import io.billkit.application.port.in.webhook.RedeliverWebhookCommand;
import io.billkit.application.port.in.webhook.RedeliverWebhookUseCase;
import io.billkit.application.port.in.webhook.RegisterWebhookEndpointCommand;
import io.billkit.application.port.in.webhook.RegisterWebhookEndpointUseCase;
import io.billkit.application.port.in.webhook.RegisteredWebhookEndpoint;
import io.billkit.application.port.in.webhook.WebhookEndpointView;
import io.billkit.application.port.out.WebhookDelivery;
import io.billkit.application.port.out.WebhookDeliveryAttempt;
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
 *       {@code lastDeliveredAt} and {@code lastError} (of a delivery not yet delivered);</li>
 *   <li>{@code GET /api/v1/admin/webhook-endpoints/{id}/deliveries?limit=}: the endpoint's delivery log, newest
 *       attempt first (default 100, at most 1000);</li>
 *   <li>{@code POST /api/v1/admin/webhook-endpoints/{id}/deliveries/{deliveryId}/redeliver}: queue a past
 *       delivery to be sent again by the next relay run (202);</li>
 *   <li>{@code POST /api/v1/admin/webhook-endpoints/{id}/enable}: re-enable an endpoint (200, audited
 *       {@code webhook_endpoint.enabled}); events fanned out from then on reach it.</li>
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

    /** One attempt of the delivery log. */
    record AttemptBody(String id, String deliveryId, String eventId, String eventType, String customerId,
                       int attempt, Instant attemptedAt, long latencyMillis, boolean succeeded,
                       String deliveryStatus, Optional<Integer> statusCode, Optional<String> error) {
        static AttemptBody of(WebhookDeliveryAttempt a) {
            return new AttemptBody(a.id(), a.deliveryId(), a.eventId(), a.eventType(), a.customerId(), a.attempt(),
                    a.attemptedAt(), a.latencyMillis(), a.succeeded(), a.outcome().name(), a.statusCode(), a.error());
        }
    }

    record DeliveryLogBody(String endpointId, List<AttemptBody> attempts) {
    }

    record RedeliveryBody(String deliveryId, String eventId, String status, Optional<Instant> nextAttemptAt) {
        static RedeliveryBody of(WebhookDelivery d) {
            return new RedeliveryBody(d.id(), d.eventId(), d.status().name(), d.nextAttemptAt());
        }
    }

    static final int DEFAULT_LOG_LIMIT = 100;

    private final RegisterWebhookEndpointUseCase register;
    private final ListWebhookEndpointsUseCase list;
    private final ListWebhookDeliveriesUseCase log;
    private final RedeliverWebhookUseCase redeliver;
    private final EnableWebhookEndpointUseCase enable;
    private final JsonBody json;

    WebhookEndpointRoutes(RegisterWebhookEndpointUseCase register, ListWebhookEndpointsUseCase list,
                          ListWebhookDeliveriesUseCase log, RedeliverWebhookUseCase redeliver,
                          EnableWebhookEndpointUseCase enable, JsonBody json) {
        this.enable = Objects.requireNonNull(enable, "enable");
        this.register = Objects.requireNonNull(register, "register");
        this.list = Objects.requireNonNull(list, "list");
        this.log = Objects.requireNonNull(log, "log");
        this.redeliver = Objects.requireNonNull(redeliver, "redeliver");
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
        routes.body(RegisterRequest.class)
                .answers(201, "The endpoint with its signing secret (shown only here)", RegisteredBody.class);
        routes.get(PATH, Access.ADMIN, "Outbound webhook endpoints of a customer (customerId) or all, without secrets, with their delivery state",
                ctx -> ctx.json(new EndpointsBody(list.list(Callers.requestedCustomer(ctx)).stream()
                        .map(EndpointBody::of).toList())));
        routes.answers(200, "The endpoints", EndpointsBody.class)
                .query(Callers.CUSTOMER_PARAM, "Only this customer's endpoints");
        routes.get(PATH + "/{id}/deliveries", Access.ADMIN,
                "An endpoint's delivery log: its attempts (time, outcome, HTTP status, latency, error), newest first",
                ctx -> {
                    String id = TextBounds.check(ctx.pathParam("id"), "id", TextBounds.ID);
                    int limit = QueryParams.integer(ctx, "limit", DEFAULT_LOG_LIMIT, 1,
                            ListWebhookDeliveriesUseCase.MAX_LIMIT);
                    ctx.json(new DeliveryLogBody(id, log.deliveries(id, limit).stream().map(AttemptBody::of).toList()));
                });
        routes.answers(200, "The delivery log", DeliveryLogBody.class)
                .queryInt("limit", "At most this many attempts (default " + DEFAULT_LOG_LIMIT + ")", 1,
                        ListWebhookDeliveriesUseCase.MAX_LIMIT)
                .problem(404, "No such endpoint");
        routes.post(PATH + "/{id}/deliveries/{deliveryId}/redeliver", Access.ADMIN,
                "Send a past delivery again (same body and webhook-id) on the next relay run", ctx -> {
                    String id = TextBounds.check(ctx.pathParam("id"), "id", TextBounds.ID);
                    String deliveryId = TextBounds.check(ctx.pathParam("deliveryId"), "deliveryId", TextBounds.ID);
                    WebhookDelivery queued = redeliver.redeliver(new RedeliverWebhookCommand(id, deliveryId,
                            Callers.user(ctx)));
                    ctx.status(202).json(RedeliveryBody.of(queued));
                });
        routes.answers(202, "The delivery, queued (PENDING, due now)", RedeliveryBody.class)
                .problem(404, "No such endpoint, or no such delivery of it")
                .problem(409, "The endpoint is inactive");
        routes.post(PATH + "/{id}/enable", Access.ADMIN,
                "Re-enable an endpoint (e.g. one disabled after consecutive dead deliveries); audited", ctx -> {
                    String id = TextBounds.check(ctx.pathParam("id"), "id", TextBounds.ID);
                    ctx.json(EndpointBody.of(enable.enable(id, Callers.user(ctx))));
                });
        routes.answers(200, "The endpoint, active, receiving events fanned out from now on", EndpointBody.class)
                .problem(404, "No such endpoint");
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
