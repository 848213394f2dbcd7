package io.billkit.application.service;

import io.billkit.application.port.out.OutboxEvent;

import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON body of an outbound webhook, written without a JSON library:
 * {@code {"id":..,"type":..,"created":<unix seconds>,"customerId":..,"data":{<payload, keys sorted>}}}.
 */
final class WebhookJson {
    private WebhookJson() {
    }

    static String eventBody(OutboxEvent event) {
        StringBuilder json = new StringBuilder(128);
        json.append("{\"id\":");
        string(json, event.id());
        json.append(",\"type\":");
        string(json, event.type());
        json.append(",\"created\":").append(event.createdAt().getEpochSecond());
        json.append(",\"customerId\":");
        string(json, event.customerId());
        json.append(",\"data\":");
        object(json, event.payload());
        return json.append('}').toString();
    }

    /** A flat object of string values, keys sorted. */
    static void object(StringBuilder json, Map<String, String> values) {
        json.append('{');
        boolean first = true;
        for (Map.Entry<String, String> entry : new TreeMap<>(values).entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            string(json, entry.getKey());
            json.append(':');
            string(json, entry.getValue());
        }
        json.append('}');
    }

    /** A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped. */
    static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
