package io.billkit.domain.forecast;

import io.billkit.domain.BillingException;
import io.billkit.domain.time.TimeWindow;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinearForecastTest {
    private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
    /** June: 30 days. */
    private static final TimeWindow JUNE = new TimeWindow(START, Instant.parse("2026-07-01T00:00:00Z"));

    private static BigDecimal project(String used, TimeWindow window, Instant at) {
        return LinearForecast.project(new BigDecimal(used), window, at);
    }

    @Test
    void a_third_of_the_way_through_triples_the_usage() {
        assertThat(project("1000", JUNE, START.plus(Duration.ofDays(10)))).isEqualByComparingTo("3000");
    }

    @Test
    void the_projection_is_rounded_half_up_to_six_decimals() {
        // 100 / 7 * 30 = 428.5714285714...
        BigDecimal projected = project("100", JUNE, START.plus(Duration.ofDays(7)));
        assertThat(projected).isEqualByComparingTo("428.571429");
        assertThat(projected.scale()).isEqualTo(6);
    }

    @Test
    void whole_results_carry_no_trailing_zeros() {
        assertThat(project("1000", JUNE, START.plus(Duration.ofDays(10))).scale()).isZero();
    }

    @Test
    void zero_elapsed_at_the_window_start_projects_the_usage_itself() {
        assertThat(project("42", JUNE, START)).isEqualByComparingTo("42");
        assertThat(project("42", JUNE, START.minusSeconds(3600))).isEqualByComparingTo("42");
    }

    @Test
    void at_or_after_the_window_end_the_projection_is_the_usage() {
        assertThat(project("900", JUNE, JUNE.end())).isEqualByComparingTo("900");
        assertThat(project("900", JUNE, JUNE.end().plus(Duration.ofDays(3)))).isEqualByComparingTo("900");
    }

    @Test
    void zero_usage_projects_zero() {
        assertThat(project("0", JUNE, START.plus(Duration.ofDays(15)))).isEqualByComparingTo("0");
    }

    @Test
    void sub_second_elapsed_time_counts_exactly() {
        TimeWindow threeSeconds = new TimeWindow(START, START.plusSeconds(3));
        assertThat(project("5", threeSeconds, START.plusMillis(1500))).isEqualByComparingTo("10");
        assertThat(project("1", threeSeconds, START.plusNanos(1))).isEqualByComparingTo("3000000000");
    }

    @Test
    void a_23_hour_dst_day_projects_over_its_real_length() {
        // Europe/Berlin, 29 March 2026: 23 hours; 46 calls after 11.5 hours -> 92
        TimeWindow shortDay = new TimeWindow(Instant.parse("2026-03-28T23:00:00Z"), Instant.parse("2026-03-29T22:00:00Z"));
        assertThat(project("46", shortDay, Instant.parse("2026-03-29T10:30:00Z"))).isEqualByComparingTo("92");
    }

    @Test
    void fractional_usage_projects_fractionally() {
        assertThat(project("12.5", JUNE, START.plus(Duration.ofDays(6)))).isEqualByComparingTo("62.5");
    }

    @Test
    void negative_or_null_input_is_rejected() {
        assertThatThrownBy(() -> project("-1", JUNE, START.plus(Duration.ofDays(1))))
                .isInstanceOf(BillingException.class).hasMessageContaining("usedSoFar");
        assertThatThrownBy(() -> LinearForecast.project(BigDecimal.ONE, null, START)).hasMessage("window");
        assertThatThrownBy(() -> LinearForecast.project(BigDecimal.ONE, JUNE, null)).hasMessage("at");
    }
}
