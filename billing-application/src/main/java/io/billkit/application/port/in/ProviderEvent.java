package io.billkit.application.port.in;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An event from the payment provider, normalised by its adapter (Stripe webhooks, the mock).
 *
 * @param id        the provider's event id (deduplication key)
 * @param type      the provider's event type, e.g. {@code invoice.payment_succeeded}
 * @param createdAt when the provider created the event (orders events: an older event never rolls
 *                  state back past a newer one)
 * @param objectId  id of the object the event is about
 * @param data      flat attributes of that object; keys are the constants of this record
 */
public record ProviderEvent(String id, String type, Instant createdAt, String objectId, Map<String, String> data) {
    public static final String CUSTOMER = "customer";
    public static final String SUBSCRIPTION = "subscription";
    public static final String INVOICE = "invoice";
    public static final String STATUS = "status";
    public static final String AMOUNT_MINOR = "amount_minor";
    public static final String CURRENCY = "currency";
    public static final String PLAN = "plan";
    public static final String MODE = "mode";
    public static final String CREDIT_PRODUCT = "credit_product";
    public static final String CLIENT_REFERENCE = "client_reference_id";
    public static final String CANCEL_AT_PERIOD_END = "cancel_at_period_end";

    public ProviderEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(objectId, "objectId");
        data = Map.copyOf(Objects.requireNonNull(data, "data"));
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(data.get(key)).filter(v -> !v.isEmpty());
    }
}
