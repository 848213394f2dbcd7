package io.billkit.adapter.http;

import io.billkit.domain.usage.UsageEvent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bounds of every text field the API reads, in one place: the route handlers enforce them
 * ({@link #check(String, String, int)}, 400 {@code text-too-long} naming the field, before anything is written) and
 * the OpenAPI document publishes them ({@link #forOperation(String)} as {@code x-billkit-text-bounds}, a map from
 * the body field to {@code maxLength}/{@code maxItems}). Lengths count Unicode code points. Besides the named
 * fields, every JSON string of any body is at most {@value #ANY_STRING} characters ({@link Json}).
 */
final class TextBounds {
    /** Any JSON string value or object key in a request body, named or not. */
    static final int ANY_STRING = 8192;
    static final int ID = 64;
    static final int NAME = 200;
    static final int EMAIL = 254;
    static final int TIME_ZONE = 64;
    static final int ADDRESS = 1000;
    static final int ADDRESS_LINES = 10;
    static final int ADDRESS_LINE = 200;
    static final int TAX_ID_TYPE = 32;
    static final int TAX_ID_VALUE = 64;
    static final int SCOPE = 16;
    static final int EVENT_ID = UsageEvent.MAX_EVENT_ID_LENGTH;
    static final int PROPERTIES = UsageEvent.MAX_PROPERTIES;
    static final int PROPERTY_KEY = UsageEvent.MAX_KEY_LENGTH;
    static final int PROPERTY_VALUE = UsageEvent.MAX_VALUE_LENGTH;
    static final int REQUEST_ID = 128;
    static final int URL = 2048;
    static final int EVENT_TYPES = 50;
    static final int EVENT_TYPE = 100;
    static final int SESSION_TOKEN = ANY_STRING;
    static final int COUPON_NAME = io.billkit.domain.coupon.Coupon.MAX_NAME_LENGTH;
    static final int CURRENCY = 3;
    static final int COUPON_LIMITS = 100;

    private TextBounds() {
    }

    private static Map<String, Object> maxLength(int max) {
        return Map.of("maxLength", max);
    }

    private static Map<String, Object> maxItems(int items, int eachMaxLength) {
        return Map.of("maxItems", items, "items", Map.of("maxLength", eachMaxLength));
    }

    private static final Map<String, Map<String, Map<String, Object>>> BY_OPERATION = operations();

    private static Map<String, Map<String, Map<String, Object>>> operations() {
        Map<String, Map<String, Map<String, Object>>> ops = new LinkedHashMap<>();
        Map<String, Map<String, Object>> customer = new LinkedHashMap<>();
        customer.put("id", maxLength(ID));
        customer.put("name", maxLength(NAME));
        customer.put("email", maxLength(EMAIL));
        customer.put("timeZone", maxLength(TIME_ZONE));
        customer.put("address", maxLength(ADDRESS));
        customer.put("addressLines", maxItems(ADDRESS_LINES, ADDRESS_LINE));
        customer.put("taxId.type", maxLength(TAX_ID_TYPE));
        customer.put("taxId.value", maxLength(TAX_ID_VALUE));
        ops.put("POST /api/v1/admin/customers", customer);
        ops.put("POST /api/v1/admin/api-keys", Map.of("customerId", maxLength(ID), "scope", maxLength(SCOPE),
                "name", maxLength(NAME)));
        ops.put("POST /api/v1/admin/subscriptions", Map.of("customerId", maxLength(ID), "plan", maxLength(ID)));
        Map<String, Map<String, Object>> events = new LinkedHashMap<>();
        events.put("events[].eventId", maxLength(EVENT_ID));
        events.put("events[].customerId", maxLength(ID));
        events.put("events[].meter", maxLength(ID));
        events.put("events[].properties", Map.of("maxProperties", PROPERTIES,
                "propertyNames", Map.of("maxLength", PROPERTY_KEY), "additionalProperties", maxLength(PROPERTY_VALUE)));
        ops.put("POST /api/v1/usage/events", events);
        Map<String, Map<String, Object>> quota = Map.of("customerId", maxLength(ID), "meter", maxLength(ID),
                "eventId", maxLength(EVENT_ID));
        ops.put("POST /api/v1/quota/check", quota);
        ops.put("POST /api/v1/quota/consume", quota);
        ops.put("POST /api/v1/billing/credits/consume", Map.of("creditEvent", maxLength(ID),
                "requestId", maxLength(REQUEST_ID)));
        ops.put("POST /api/v1/billing/credit-products/checkout", Map.of("product", maxLength(ID), "successUrl", maxLength(URL),
                "cancelUrl", maxLength(URL)));
        ops.put("POST /api/v1/billing/subscription/checkout", Map.of("plan", maxLength(ID),
                "successUrl", maxLength(URL), "cancelUrl", maxLength(URL)));
        ops.put("POST /api/v1/billing/subscription/portal", Map.of("returnUrl", maxLength(URL)));
        ops.put("POST /api/v1/billing/subscription/change", Map.of("plan", maxLength(ID)));
        ops.put("POST /api/v1/admin/webhook-endpoints", Map.of("customerId", maxLength(ID), "url", maxLength(URL),
                "eventTypes", maxItems(EVENT_TYPES, EVENT_TYPE)));
        ops.put("POST /api/v1/session", Map.of("token", maxLength(SESSION_TOKEN)));
        Map<String, Map<String, Object>> coupon = new LinkedHashMap<>();
        coupon.put("code", maxLength(ID));
        coupon.put("name", maxLength(COUPON_NAME));
        coupon.put("currency", maxLength(CURRENCY));
        coupon.put("duration", maxLength(SCOPE));
        coupon.put("plans", maxItems(COUPON_LIMITS, ID));
        coupon.put("meters", maxItems(COUPON_LIMITS, ID));
        ops.put("POST /api/v1/admin/coupons", coupon);
        ops.put("POST /api/v1/admin/customers/{customerId}/discounts", Map.of("coupon", maxLength(ID)));
        ops.put("POST /api/v1/billing/reconcile", Map.of("customerId", maxLength(ID)));
        ops.put("POST /api/v1/admin/invoices/{id}/credit-notes", Map.of("memo", maxLength(500), "reason", maxLength(32),
                "settlement", maxLength(32), "lines[].amount", maxLength(40)));
        return ops;
    }

    /** The bounds of an operation ({@code "POST /api/v1/admin/customers"}), empty when it reads no text. */
    static Optional<Map<String, Map<String, Object>>> forOperation(String methodAndPath) {
        return Optional.ofNullable(BY_OPERATION.get(methodAndPath));
    }

    /** Every bounded operation (for tests and the merge with generated schemas). */
    static Map<String, Map<String, Map<String, Object>>> all() {
        return BY_OPERATION;
    }

    /** {@code value} (may be null), or a 400 naming {@code field} when it is longer than {@code max}. */
    static String check(String value, String field, int max) {
        if (value != null && length(value) > max) {
            throw tooLong(field, field + " must be at most " + max + " characters but has " + length(value));
        }
        return value;
    }

    /** {@code values} (may be null), or a 400 naming {@code field} when it has more than {@code max} items. */
    static <T> List<T> checkCount(List<T> values, String field, int max) {
        if (values != null && values.size() > max) {
            throw tooLong(field, field + " must have at most " + max + " entries but has " + values.size());
        }
        return values;
    }

    static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    static ApiProblem tooLong(String field, String detail) {
        return new ApiProblem(400, "text-too-long", "Text too long", detail, Optional.of(field), Map.of());
    }
}
