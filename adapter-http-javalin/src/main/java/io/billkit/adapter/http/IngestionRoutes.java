package io.billkit.adapter.http;

import io.billkit.application.port.in.quota.Admission;
import io.billkit.application.port.in.quota.CheckQuotaQuery;
import io.billkit.application.port.in.quota.CheckQuotaUseCase;
import io.billkit.application.port.in.quota.ConsumeQuotaCommand;
import io.billkit.application.port.in.quota.ConsumeQuotaUseCase;
import io.billkit.application.port.in.quota.QuotaView;
import io.billkit.application.port.in.usage.RecordUsageCommand;
import io.billkit.application.port.in.usage.RecordUsageResult;
import io.billkit.application.port.in.usage.RecordUsageUseCase;
import io.billkit.application.port.in.usage.UsageEventInput;
import io.billkit.application.port.in.usage.UsageEventOutcome;
import io.billkit.application.port.in.usage.UsageEventStatus;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.javalin.http.Context;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Machine-to-machine routes, authenticated with an API key ({@code X-Api-Key}):
 * <ul>
 *   <li>{@code POST /api/v1/usage/events}: {@code {"events":[{"eventId","customerId","meter","quantity",
 *       "timestamp","properties"}]}}, 1..1,000 events. {@code eventId} and {@code meter} are required;
 *       {@code customerId} defaults to the key's customer (required with a service-wide key),
 *       {@code quantity} to 1, {@code timestamp} to now, {@code properties} to none. A structurally bad event
 *       (wrong type, missing required field, a text or property count past its {@link TextBounds bound}) fails the
 *       whole request with 400 naming it
 *       ({@code events[3].quantity}, {@code events[3].properties.region} for a null property value); everything else is decided per event: the answer lists each event's
 *       {@code ACCEPTED | DUPLICATE | REJECTED} with {@code code} and {@code reason} (negative or too large
 *       quantity, unknown meter, future timestamp, closed period, HARD quota, ...).</li>
 *   <li>A key scoped to a customer may only send that customer's events: an event for another customer is
 *       REJECTED with code {@code FORBIDDEN}, the batch's other events are still recorded. (Per event rather
 *       than a whole-request 403, so one misrouted event does not drop a batch whose retry would hit the same
 *       wall; nothing is stored for the foreign customer either way.)</li>
 *   <li>{@code POST /api/v1/quota/check} ({@code {"customerId","meter","quantity"}}) and
 *       {@code POST /api/v1/quota/consume} (plus {@code "eventId"}): the quota decision; a refusal is
 *       {@code "admission":"DENIED"} with status 200; a customer outside the key's scope is 403.</li>
 * </ul>
 * Accepted events (and admitted quota consumptions) count in {@code billkit_usage_events_ingested_total}.
 */
final class IngestionRoutes implements RouteGroup {
    /** Longest property name quoted back in a problem's {@code field}. */
    private static final int MAX_ECHOED_PROPERTY = 64;

    record EventRequest(String eventId, CustomerId customerId, String meter, BigDecimal quantity, Instant timestamp,
                        Map<String, String> properties) {
    }

    record EventsRequest(List<EventRequest> events) {
    }

    record QuotaRequest(CustomerId customerId, String meter, BigDecimal quantity, String eventId) {
    }

    private final Catalog catalog;
    private final RecordUsageUseCase recordUsage;
    private final CheckQuotaUseCase checkQuota;
    private final ConsumeQuotaUseCase consumeQuota;
    private final HttpMetrics metrics;
    private final Clock clock;
    private final JsonBody json;

    IngestionRoutes(Catalog catalog, RecordUsageUseCase recordUsage, CheckQuotaUseCase checkQuota,
                    ConsumeQuotaUseCase consumeQuota, HttpMetrics metrics, Clock clock, JsonBody json) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.recordUsage = Objects.requireNonNull(recordUsage, "recordUsage");
        this.checkQuota = Objects.requireNonNull(checkQuota, "checkQuota");
        this.consumeQuota = Objects.requireNonNull(consumeQuota, "consumeQuota");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public String name() {
        return "ingestion";
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.post("/api/v1/usage/events", Access.API_KEY,
                "Record 1..1000 usage events idempotently; answers ACCEPTED, DUPLICATE or REJECTED per event",
                this::recordEvents);
        routes.post("/api/v1/quota/check", Access.API_KEY,
                "Would this quantity be admitted now? Consumes nothing", this::check);
        routes.post("/api/v1/quota/consume", Access.API_KEY,
                "Admit and record usage against the allowance atomically (idempotent by eventId)", this::consume);
    }

    private void recordEvents(Context ctx) {
        ApiKeyPrincipal key = AccessControl.requireApiKey(ctx);
        EventsRequest body = json.read(ctx, EventsRequest.class);
        List<EventRequest> events = JsonBody.required(body.events(), "events");
        if (events.isEmpty() || events.size() > RecordUsageCommand.MAX_EVENTS) {
            throw ApiProblem.invalidField("events", "events must hold 1.." + RecordUsageCommand.MAX_EVENTS
                    + " events but has " + events.size());
        }
        Instant now = clock.instant();
        UsageEventOutcome[] outcomes = new UsageEventOutcome[events.size()];
        List<UsageEventInput> admitted = new ArrayList<>();
        List<Integer> admittedIndexes = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            String at = "events[" + i + "]";
            EventRequest event = JsonBody.required(events.get(i), at);
            String eventId = TextBounds.check(JsonBody.requiredText(event.eventId(), at + ".eventId"), at + ".eventId",
                    TextBounds.EVENT_ID);
            String meter = TextBounds.check(JsonBody.requiredText(event.meter(), at + ".meter"), at + ".meter",
                    TextBounds.ID);
            CustomerId customer = event.customerId() != null ? event.customerId() : key.customer().orElseThrow(() ->
                    ApiProblem.invalidField(at + ".customerId", at + ".customerId is required with a service-wide API key"));
            Map<String, String> properties = event.properties() == null ? Map.of() : event.properties();
            if (properties.size() > TextBounds.PROPERTIES) {
                throw TextBounds.tooLong(at + ".properties", at + ".properties must have at most " + TextBounds.PROPERTIES
                        + " entries but has " + properties.size());
            }
            properties.forEach((name, value) -> {
                if (TextBounds.length(name) > TextBounds.PROPERTY_KEY) {
                    throw TextBounds.tooLong(at + ".properties", "property names in " + at + ".properties must be at most "
                            + TextBounds.PROPERTY_KEY + " characters but one has " + TextBounds.length(name));
                }
                if (value != null && TextBounds.length(value) > TextBounds.PROPERTY_VALUE) {
                    String field = at + ".properties." + name;
                    throw TextBounds.tooLong(field, field + " must be at most " + TextBounds.PROPERTY_VALUE
                            + " characters but has " + TextBounds.length(value));
                }
                if (value == null) {
                    String field = at + ".properties" + (name.length() <= MAX_ECHOED_PROPERTY ? "." + name : "");
                    throw ApiProblem.invalidField(field, field + " must be a string, not null");
                }
            });
            if (!key.mayActFor(customer)) {
                outcomes[i] = UsageEventOutcome.rejected(eventId, ErrorCode.FORBIDDEN, "API key '" + key.keyId()
                        + "' may only send events of customer '" + key.customer().map(CustomerId::value).orElse("")
                        + "', not '" + customer + "'");
                continue;
            }
            admitted.add(new UsageEventInput(eventId, customer, meter,
                    event.quantity() == null ? BigDecimal.ONE : event.quantity(),
                    event.timestamp() == null ? now : event.timestamp(),
                    properties));
            admittedIndexes.add(i);
        }
        if (!admitted.isEmpty()) {
            RecordUsageResult result = recordUsage.record(new RecordUsageCommand(admitted, Callers.apiKey(ctx)));
            for (int j = 0; j < admittedIndexes.size(); j++) {
                outcomes[admittedIndexes.get(j)] = result.outcomes().get(j);
            }
        }
        List<ResponseBodies.EventResultBody> results = new ArrayList<>(outcomes.length);
        long accepted = 0;
        long duplicates = 0;
        for (int i = 0; i < outcomes.length; i++) {
            results.add(ResponseBodies.EventResultBody.of(i, outcomes[i]));
            if (outcomes[i].status() == UsageEventStatus.ACCEPTED) {
                accepted++;
            } else if (outcomes[i].status() == UsageEventStatus.DUPLICATE) {
                duplicates++;
            }
        }
        metrics.usageEventsIngested(accepted);
        ctx.json(new ResponseBodies.IngestionBody(accepted, duplicates, outcomes.length - accepted - duplicates, results));
    }

    private void check(Context ctx) {
        QuotaRequest body = json.read(ctx, QuotaRequest.class);
        CustomerId customer = quotaCustomer(ctx, body);
        String meter = knownMeter(body.meter());
        QuotaView view = checkQuota.check(new CheckQuotaQuery(customer, meter, quantity(body)));
        ctx.json(ResponseBodies.QuotaBody.of(view));
    }

    private void consume(Context ctx) {
        QuotaRequest body = json.read(ctx, QuotaRequest.class);
        CustomerId customer = quotaCustomer(ctx, body);
        String meter = knownMeter(body.meter());
        String eventId = TextBounds.check(JsonBody.requiredText(body.eventId(), "eventId"), "eventId",
                TextBounds.EVENT_ID);
        QuotaView view = consumeQuota.consume(new ConsumeQuotaCommand(customer, meter, quantity(body), eventId,
                Callers.apiKey(ctx)));
        if (view.admission() == Admission.ALLOWED) {
            metrics.usageEventsIngested(1);
        }
        ctx.json(ResponseBodies.QuotaBody.of(view));
    }

    private static CustomerId quotaCustomer(Context ctx, QuotaRequest body) {
        ApiKeyPrincipal key = AccessControl.requireApiKey(ctx);
        CustomerId customer = Optional.ofNullable(body.customerId()).or(key::customer).orElseThrow(() ->
                ApiProblem.invalidField("customerId", "customerId is required with a service-wide API key"));
        key.requireMayActFor(customer);
        return customer;
    }

    private static BigDecimal quantity(QuotaRequest body) {
        BigDecimal quantity = body.quantity() == null ? BigDecimal.ONE : body.quantity();
        if (quantity.signum() < 0) {
            throw ApiProblem.invalidField("quantity", "quantity must not be negative but was " + quantity.toPlainString());
        }
        return quantity;
    }

    private String knownMeter(String meter) {
        TextBounds.check(JsonBody.requiredText(meter, "meter"), "meter", TextBounds.ID);
        boolean known;
        try {
            known = catalog.meter(MeterKey.of(meter)).isPresent();
        } catch (BillingException e) {
            known = false;
        }
        if (!known) {
            throw ApiProblem.invalidField("meter", ErrorCode.UNKNOWN_METER, "catalog '" + catalog.name()
                    + "' has no meter '" + LogText.preview(meter) + "'");
        }
        return meter;
    }
}
