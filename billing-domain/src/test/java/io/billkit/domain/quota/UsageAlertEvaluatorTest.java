package io.billkit.domain.quota;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.Limit;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageAlertEvaluatorTest {
    private static final UsageAlertEvaluator DEFAULTS = UsageAlertEvaluator.withDefaults();
    /** Mortgage Pro: 10,000 API calls a day. */
    private static final Limit PRO_API = Limit.of(10_000);

    private static List<Integer> crossed(Limit limit, long previous, long current, Set<Integer> fired) {
        return DEFAULTS.newlyCrossed(limit, BigDecimal.valueOf(previous), BigDecimal.valueOf(current), fired);
    }

    @Test
    void reaching_a_threshold_exactly_fires_it() {
        assertThat(crossed(PRO_API, 7_499, 7_500, Set.of())).containsExactly(75);
        assertThat(crossed(PRO_API, 7_000, 7_499, Set.of())).isEmpty();
    }

    @Test
    void jumping_from_70_to_100_percent_fires_75_90_and_100_together() {
        assertThat(crossed(PRO_API, 7_000, 10_000, Set.of())).containsExactly(75, 90, 100);
    }

    @Test
    void a_threshold_already_reached_before_does_not_fire_again() {
        assertThat(crossed(PRO_API, 7_600, 8_000, Set.of(75))).isEmpty();
        assertThat(crossed(PRO_API, 8_000, 9_500, Set.of(75))).containsExactly(90);
    }

    @Test
    void each_threshold_fires_once_per_window_even_if_usage_drops_and_rises_again() {
        // a LATEST meter went 95 % -> 50 % -> 95 %: 75 and 90 already fired in this window
        assertThat(crossed(PRO_API, 5_000, 9_500, Set.of(75, 90))).isEmpty();
        assertThat(crossed(PRO_API, 5_000, 10_000, Set.of(75, 90))).containsExactly(100);
    }

    @Test
    void passing_zero_as_previous_catches_up_on_unfired_thresholds() {
        assertThat(crossed(PRO_API, 0, 9_200, Set.of(75))).containsExactly(90);
    }

    @Test
    void unlimited_never_fires() {
        assertThat(crossed(Limit.unlimited(), 0, 1_000_000_000L, Set.of())).isEmpty();
    }

    @Test
    void zero_usage_fires_nothing() {
        assertThat(crossed(PRO_API, 0, 0, Set.of())).isEmpty();
    }

    @Test
    void over_the_limit_fires_thresholds_above_100_only_when_configured() {
        UsageAlertEvaluator custom = new UsageAlertEvaluator(UsageAlertThresholds.of(50, 100, 150));
        assertThat(custom.newlyCrossed(PRO_API, BigDecimal.valueOf(9_000), BigDecimal.valueOf(15_000), Set.of()))
                .containsExactly(100, 150);
        assertThat(crossed(PRO_API, 10_000, 20_000, Set.of(75, 90, 100))).isEmpty();
    }

    @Test
    void a_zero_limit_fires_every_threshold_on_the_first_unit() {
        assertThat(crossed(Limit.of(0), 0, 1, Set.of())).containsExactly(75, 90, 100);
        assertThat(crossed(Limit.of(0), 1, 2, Set.of())).isEmpty();
        assertThat(crossed(Limit.of(0), 0, 0, Set.of())).isEmpty();
    }

    @Test
    void fractional_usage_is_compared_exactly() {
        Limit gb = Limit.of(50);
        assertThat(DEFAULTS.newlyCrossed(gb, BigDecimal.ZERO, new BigDecimal("37.499999999999"), Set.of())).isEmpty();
        assertThat(DEFAULTS.newlyCrossed(gb, BigDecimal.ZERO, new BigDecimal("37.5"), Set.of())).containsExactly(75);
    }

    @Test
    void alerts_carry_customer_meter_window_usage_and_limit() {
        CustomerId customer = CustomerId.of("lender-7");
        MeterKey meter = MeterKey.of("api_calls");
        Instant windowStart = Instant.parse("2026-03-14T05:00:00Z");
        List<UsageAlert> alerts = DEFAULTS.alerts(customer, meter, windowStart, Limit.of(100),
                BigDecimal.valueOf(80), BigDecimal.valueOf(100), Set.of(75));
        assertThat(alerts).containsExactly(
                new UsageAlert(customer, meter, 90, windowStart, BigDecimal.valueOf(100), Limit.of(100)),
                new UsageAlert(customer, meter, 100, windowStart, BigDecimal.valueOf(100), Limit.of(100)));
    }

    @Test
    void negative_usage_is_rejected() {
        assertThatThrownBy(() -> crossed(PRO_API, -1, 5, Set.of())).isInstanceOf(BillingException.class)
                .hasMessageContaining("previousUsed");
        assertThatThrownBy(() -> crossed(PRO_API, 0, -5, Set.of())).isInstanceOf(BillingException.class)
                .hasMessageContaining("currentUsed");
    }

    @Test
    void an_alert_needs_a_finite_limit_and_a_valid_threshold() {
        CustomerId customer = CustomerId.of("c");
        MeterKey meter = MeterKey.of("api_calls");
        Instant start = Instant.parse("2026-03-14T00:00:00Z");
        assertThatThrownBy(() -> new UsageAlert(customer, meter, 75, start, BigDecimal.ONE, Limit.unlimited()))
                .isInstanceOf(BillingException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> new UsageAlert(customer, meter, 0, start, BigDecimal.ONE, Limit.of(1)))
                .isInstanceOf(BillingException.class).hasMessageContaining("thresholdPercent");
    }
}
