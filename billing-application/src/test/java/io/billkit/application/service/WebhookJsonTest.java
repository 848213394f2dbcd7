package io.billkit.application.service;

import io.billkit.application.port.out.OutboxEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookJsonTest {

    private static String literal(String value) {
        StringBuilder json = new StringBuilder();
        WebhookJson.string(json, value);
        return json.toString();
    }

    @Test
    void quotes_backslashes_and_control_characters_are_escaped() {
        assertThat(literal("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(literal("C:\\temp")).isEqualTo("\"C:\\\\temp\"");
        assertThat(literal("a\nb\tc\rd")).isEqualTo("\"a\\nb\\tc\\rd\"");
        assertThat(literal("\u0000\u001f\b\f")).isEqualTo("\"\\u0000\\u001f\\b\\f\"");
        assertThat(literal("\u2028")).isEqualTo("\"\\u2028\"");
    }

    @Test
    void non_ascii_text_passes_through_unchanged() {
        assertThat(literal("Café Zürich 東京 💶")).isEqualTo("\"Café Zürich 東京 💶\"");
    }

    @Test
    void the_event_body_has_id_type_created_customer_and_sorted_data() {
        OutboxEvent event = new OutboxEvent("evt_1", "invoice.created", "inv_1", "acme",
                Map.of("total", "USD 99.00", "invoiceId", "inv_1", "note", "line1\n\"x\""),
                Instant.parse("2026-03-01T00:00:00Z"));

        assertThat(WebhookJson.eventBody(event)).isEqualTo("{\"id\":\"evt_1\",\"type\":\"invoice.created\","
                + "\"created\":1772323200,\"customerId\":\"acme\",\"data\":{\"invoiceId\":\"inv_1\","
                + "\"note\":\"line1\\n\\\"x\\\"\",\"total\":\"USD 99.00\"}}");
    }

    @Test
    void an_empty_payload_is_an_empty_object() {
        OutboxEvent event = new OutboxEvent("e", "t", "a", "c", Map.of(), Instant.EPOCH);
        assertThat(WebhookJson.eventBody(event)).endsWith(",\"data\":{}}");
    }
}
