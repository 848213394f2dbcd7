package io.billkit.domain.quota;

import io.billkit.domain.BillingException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageAlertThresholdsTest {

    @Test
    void defaults_are_75_90_and_100_percent() {
        assertThat(UsageAlertThresholds.defaults().percents()).containsExactly(75, 90, 100);
    }

    @Test
    void custom_thresholds_may_go_up_to_1000_percent() {
        assertThat(UsageAlertThresholds.of(1, 50, 150, 1000).percents()).containsExactly(1, 50, 150, 1000);
    }

    @Test
    void thresholds_must_be_strictly_ascending() {
        assertThatThrownBy(() -> UsageAlertThresholds.of(90, 75)).isInstanceOf(BillingException.class)
                .hasMessageContaining("ascending");
        assertThatThrownBy(() -> UsageAlertThresholds.of(75, 75)).isInstanceOf(BillingException.class)
                .hasMessageContaining("ascending");
    }

    @Test
    void thresholds_must_lie_in_zero_exclusive_to_1000_inclusive() {
        assertThatThrownBy(() -> UsageAlertThresholds.of(0, 50)).isInstanceOf(BillingException.class)
                .hasMessageContaining("0 is not in (0, 1000]");
        assertThatThrownBy(() -> UsageAlertThresholds.of(-5)).isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> UsageAlertThresholds.of(1001)).isInstanceOf(BillingException.class)
                .hasMessageContaining("1001");
    }

    @Test
    void at_least_one_threshold_and_no_nulls() {
        assertThatThrownBy(() -> new UsageAlertThresholds(List.of())).isInstanceOf(BillingException.class)
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> new UsageAlertThresholds(Arrays.asList(75, null))).isInstanceOf(BillingException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> new UsageAlertThresholds(null)).isInstanceOf(NullPointerException.class);
    }
}
