package io.billkit.domain.usage;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.time.TimeWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.billkit.domain.usage.UsageFixtures.MARCH;
import static io.billkit.domain.usage.UsageFixtures.event;
import static io.billkit.domain.usage.UsageFixtures.meter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RollupCombinerTest {
    private static final LocalDate D1 = LocalDate.of(2026, 3, 1);
    private static final LocalDate D2 = LocalDate.of(2026, 3, 2);
    private static final LocalDate D3 = LocalDate.of(2026, 3, 3);

    private static UsageRollup rollup(Meter meter, LocalDate day, String value, long events, String latestAt) {
        return new UsageRollup(meter.key(), day, new BigDecimal(value), events, Instant.parse(latestAt));
    }

    @Test
    void sum_adds_the_days() {
        Meter sum = meter(Aggregation.SUM);
        assertThat(RollupCombiner.combine(sum, List.of(
                rollup(sum, D1, "1.5", 2, "2026-03-01T10:00:00Z"),
                rollup(sum, D2, "2.25", 1, "2026-03-02T10:00:00Z")))).isEqualByComparingTo("3.75");
    }

    @Test
    void count_adds_the_days() {
        Meter count = meter(Aggregation.COUNT);
        assertThat(RollupCombiner.combine(count, List.of(
                rollup(count, D1, "2", 2, "2026-03-01T10:00:00Z"),
                rollup(count, D2, "3", 3, "2026-03-02T10:00:00Z")))).isEqualByComparingTo("5");
    }

    @Test
    void max_takes_the_largest_day() {
        Meter max = meter(Aggregation.MAX);
        assertThat(RollupCombiner.combine(max, List.of(
                rollup(max, D1, "4", 2, "2026-03-01T10:00:00Z"),
                rollup(max, D2, "9", 1, "2026-03-02T10:00:00Z"),
                rollup(max, D3, "6", 1, "2026-03-03T10:00:00Z")))).isEqualByComparingTo("9");
    }

    @Test
    void latest_takes_the_value_of_the_day_with_the_latest_event_whatever_the_order() {
        Meter latest = meter(Aggregation.LATEST);
        assertThat(RollupCombiner.combine(latest, List.of(
                rollup(latest, D3, "6", 1, "2026-03-03T10:00:00Z"),
                rollup(latest, D1, "40", 2, "2026-03-01T10:00:00Z"),
                rollup(latest, D2, "9", 1, "2026-03-02T10:00:00Z")))).isEqualByComparingTo("6");
    }

    @ParameterizedTest
    @EnumSource(value = Aggregation.class, names = "UNIQUE_COUNT", mode = EnumSource.Mode.EXCLUDE)
    void no_rollups_combine_to_zero(Aggregation aggregation) {
        assertThat(RollupCombiner.combine(meter(aggregation), List.of())).isEqualByComparingTo("0");
    }

    @Test
    void unique_count_is_refused_with_a_clear_error() {
        Meter unique = meter(Aggregation.UNIQUE_COUNT);
        assertThatThrownBy(() -> RollupCombiner.combine(unique, List.of()))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("UNIQUE_COUNT")
                .hasMessageContaining("cannot be combined from daily rollups")
                .hasMessageContaining("user_id");
    }

    @Test
    void a_day_given_twice_is_refused_instead_of_counted_twice() {
        Meter sum = meter(Aggregation.SUM);
        assertThatThrownBy(() -> RollupCombiner.combine(sum, List.of(
                rollup(sum, D1, "1", 1, "2026-03-01T10:00:00Z"),
                rollup(sum, D1, "1", 1, "2026-03-01T10:00:00Z"))))
                .isInstanceOf(BillingException.class).hasMessageContaining("2026-03-01").hasMessageContaining("twice");
    }

    @Test
    void a_rollup_of_another_meter_is_refused() {
        Meter sum = meter(Aggregation.SUM);
        Meter max = meter(Aggregation.MAX);
        assertThatThrownBy(() -> RollupCombiner.combine(sum, List.of(rollup(max, D1, "1", 1, "2026-03-01T10:00:00Z"))))
                .isInstanceOf(BillingException.class).hasMessageContaining("m_max");
    }

    @Test
    void a_rollup_needs_at_least_one_event_and_a_non_negative_value() {
        Meter sum = meter(Aggregation.SUM);
        assertThatThrownBy(() -> rollup(sum, D1, "1", 0, "2026-03-01T10:00:00Z"))
                .isInstanceOf(BillingException.class).hasMessageContaining("events");
        assertThatThrownBy(() -> rollup(sum, D1, "-1", 1, "2026-03-01T10:00:00Z"))
                .isInstanceOf(BillingException.class).hasMessageContaining("value");
    }

    @ParameterizedTest
    @EnumSource(value = Aggregation.class, names = "UNIQUE_COUNT", mode = EnumSource.Mode.EXCLUDE)
    void combining_daily_rollups_gives_the_same_as_aggregating_the_window(Aggregation aggregation) {
        Meter meter = meter(aggregation);
        List<UsageEvent> events = new ArrayList<>();
        String[] quantities = {"3", "0", "12.5", "7", "7", "1", "0.25", "9"};
        for (int i = 0; i < quantities.length; i++) {
            Instant at = Instant.parse("2026-03-01T05:00:00Z").plus(Duration.ofHours(11L * i));
            events.add(event(meter, "e" + i, quantities[i], at.toString()));
        }
        // two events at the same instant on the last day: the tie is decided inside the day
        events.add(event(meter, "zz", "4", "2026-03-04T12:00:00Z"));
        events.add(event(meter, "aa", "40", "2026-03-04T12:00:00Z"));
        List<UsageRollup> rollups = new ArrayList<>();
        for (LocalDate day = D1; day.isBefore(LocalDate.of(2026, 3, 6)); day = day.plusDays(1)) {
            TimeWindow window = new TimeWindow(day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            UsageAggregator.rollup(meter, day, window, events).ifPresent(rollups::add);
        }
        assertThat(RollupCombiner.combine(meter, rollups))
                .isEqualByComparingTo(UsageAggregator.aggregate(meter, events, MARCH));
    }
}
