package io.billkit.domain.usage;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageEventTest {
    private static final CustomerId ACME = CustomerId.of("acme");
    private static final MeterKey API_CALLS = MeterKey.of("api_calls");
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    private static UsageEvent withQuantity(String quantity) {
        return UsageEvent.of("evt-1", ACME, API_CALLS, new BigDecimal(quantity), T);
    }

    private static UsageEvent withId(String eventId) {
        return UsageEvent.of(eventId, ACME, API_CALLS, BigDecimal.ONE, T);
    }

    private static UsageEvent withProperties(Map<String, String> properties) {
        return new UsageEvent("evt-1", ACME, API_CALLS, BigDecimal.ONE, T, properties);
    }

    @Test
    void a_valid_event_keeps_its_fields() {
        UsageEvent event = new UsageEvent("req:2026-03-01.42_a-b", ACME, API_CALLS, new BigDecimal("3"), T,
                Map.of("model", "gpt-x"));
        assertThat(event.eventId()).isEqualTo("req:2026-03-01.42_a-b");
        assertThat(event.customer()).isEqualTo(ACME);
        assertThat(event.meter()).isEqualTo(API_CALLS);
        assertThat(event.quantity()).isEqualByComparingTo("3");
        assertThat(event.timestamp()).isEqualTo(T);
        assertThat(event.property("model")).contains("gpt-x");
        assertThat(event.property("region")).isEmpty();
    }

    @Test
    void nulls_are_rejected_naming_the_field() {
        BigDecimal one = BigDecimal.ONE;
        assertThatNullPointerException().isThrownBy(() -> UsageEvent.of(null, ACME, API_CALLS, one, T)).withMessage("eventId");
        assertThatNullPointerException().isThrownBy(() -> UsageEvent.of("e", null, API_CALLS, one, T)).withMessage("customer");
        assertThatNullPointerException().isThrownBy(() -> UsageEvent.of("e", ACME, null, one, T)).withMessage("meter");
        assertThatNullPointerException().isThrownBy(() -> UsageEvent.of("e", ACME, API_CALLS, null, T)).withMessage("quantity");
        assertThatNullPointerException().isThrownBy(() -> UsageEvent.of("e", ACME, API_CALLS, one, null)).withMessage("timestamp");
        assertThatNullPointerException().isThrownBy(() -> new UsageEvent("e", ACME, API_CALLS, one, T, null)).withMessage("properties");
    }

    @Test
    void event_id_must_be_1_to_128_safe_characters() {
        assertThat(withId("a".repeat(128)).eventId()).hasSize(128);
        assertThatThrownBy(() -> withId("a".repeat(129))).isInstanceOf(BillingException.class).hasMessageContaining("eventId");
        assertThatThrownBy(() -> withId("")).isInstanceOf(BillingException.class).hasMessageContaining("eventId");
        assertThatThrownBy(() -> withId("has space")).isInstanceOf(BillingException.class).hasMessageContaining("eventId");
        assertThatThrownBy(() -> withId("slash/no")).isInstanceOf(BillingException.class).hasMessageContaining("eventId");
        assertThatThrownBy(() -> withId("ümlaut")).isInstanceOf(BillingException.class).hasMessageContaining("eventId");
    }

    @Test
    void negative_quantity_is_rejected_as_invalid_argument_naming_quantity() {
        assertThatThrownBy(() -> withQuantity("-1"))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("quantity").hasMessageContaining("negative");
        assertThatThrownBy(() -> withQuantity("-0.000000000001")).isInstanceOf(BillingException.class);
    }

    @Test
    void zero_quantity_is_accepted() {
        assertThat(withQuantity("0").quantity()).isEqualByComparingTo("0");
        assertThat(withQuantity("0.000").quantity().scale()).isZero();
    }

    @Test
    void huge_quantity_is_rejected_as_invalid_argument_naming_quantity() {
        assertThat(withQuantity("1000000000000000").quantity()).isEqualByComparingTo("1E15");
        assertThatThrownBy(() -> withQuantity("1000000000000000.000000000001"))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("quantity").hasMessageContaining("too large");
        assertThatThrownBy(() -> withQuantity("1E300")).isInstanceOf(BillingException.class).hasMessageContaining("quantity");
    }

    @Test
    void more_than_12_decimals_are_rejected_but_trailing_zeros_do_not_count() {
        assertThat(withQuantity("0.000000000001").quantity()).isEqualByComparingTo("1E-12");
        assertThatThrownBy(() -> withQuantity("0.0000000000001"))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("quantity").hasMessageContaining("12 decimals");
        UsageEvent padded = withQuantity("2.500000000000000000");
        assertThat(padded.quantity().scale()).isEqualTo(1);
        assertThat(padded).isEqualTo(withQuantity("2.5"));
    }

    @Test
    void properties_are_copied_and_unmodifiable() {
        Map<String, String> source = new HashMap<>();
        source.put("model", "gpt-x");
        UsageEvent event = withProperties(source);
        source.put("model", "changed");
        source.put("extra", "x");
        assertThat(event.properties()).containsExactly(Map.entry("model", "gpt-x"));
        assertThatThrownBy(() -> event.properties().put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void at_most_32_properties() {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < 32; i++) {
            props.put("k" + i, "v");
        }
        assertThat(withProperties(props).properties()).hasSize(32);
        props.put("k32", "v");
        assertThatThrownBy(() -> withProperties(props)).isInstanceOf(BillingException.class)
                .hasMessageContaining("properties").hasMessageContaining("32");
    }

    @Test
    void property_keys_and_values_are_bounded_and_not_null() {
        assertThatThrownBy(() -> withProperties(Map.of("k".repeat(65), "v"))).isInstanceOf(BillingException.class)
                .hasMessageContaining("key");
        assertThatThrownBy(() -> withProperties(Map.of(" ", "v"))).isInstanceOf(BillingException.class)
                .hasMessageContaining("key");
        assertThatThrownBy(() -> withProperties(Map.of("k", "v".repeat(257)))).isInstanceOf(BillingException.class)
                .hasMessageContaining("value of 'k'");
        assertThat(withProperties(Map.of("k".repeat(64), "v".repeat(256))).properties()).hasSize(1);
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("k", null);
        assertThatThrownBy(() -> withProperties(nullValue)).isInstanceOf(BillingException.class)
                .hasMessageContaining("value of 'k' is null");
        Map<String, String> nullKey = new HashMap<>();
        nullKey.put(null, "v");
        assertThatThrownBy(() -> withProperties(nullKey)).isInstanceOf(BillingException.class)
                .hasMessageContaining("key is null");
    }

    @Test
    void quantities_with_extreme_exponents_are_refused_with_a_clear_message_instead_of_overflowing() {
        assertThatThrownBy(() -> withQuantity("1E+2147483647"))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("too large").hasMessageContaining("1E+2147483647");
        assertThatThrownBy(() -> withQuantity("-1E+2147483647"))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> withQuantity("1E-2147483647"))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("decimals");
    }
}
