package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {
    private final ObjectMapper mapper = Json.newMapper();

    record Line(CustomerId customer, Money total, BigDecimal unitPrice, Instant at) {
    }

    @Test
    void money_decimals_ids_and_instants_are_written_as_strings() throws Exception {
        Line line = new Line(CustomerId.of("acme"), Money.of("1250.00", "USD"), new BigDecimal("0.00003"),
                Instant.parse("2026-11-01T00:00:00Z"));

        assertThat(mapper.writeValueAsString(line)).isEqualTo("{\"customer\":\"acme\","
                + "\"total\":{\"amount\":\"1250.00\",\"currency\":\"USD\"},\"unitPrice\":\"0.00003\","
                + "\"at\":\"2026-11-01T00:00:00Z\"}");
    }

    @Test
    void money_reads_back_at_the_currency_scale_from_string_or_number() throws Exception {
        Money fromString = mapper.readValue("{\"amount\":\"1250\",\"currency\":\"USD\"}", Money.class);
        Money fromNumber = mapper.readValue("{\"amount\":0.5,\"currency\":\"JPY\"}".replace("0.5", "500"), Money.class);

        assertThat(fromString.isEqualTo(Money.of("1250.00", "USD"))).isTrue();
        assertThat(fromString.amount().toPlainString()).isEqualTo("1250.00");
        assertThat(fromNumber.amount().toPlainString()).isEqualTo("500");
    }

    @Test
    void unknown_properties_are_rejected() {
        assertThatThrownBy(() -> mapper.readValue(
                "{\"customer\":\"acme\",\"total\":null,\"unitPrice\":\"1\",\"at\":null,\"extra\":1}", Line.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
    }
}
