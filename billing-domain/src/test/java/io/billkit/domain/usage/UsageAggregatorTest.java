package io.billkit.domain.usage;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.time.TimeWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.billkit.domain.usage.UsageFixtures.MARCH;
import static io.billkit.domain.usage.UsageFixtures.event;
import static io.billkit.domain.usage.UsageFixtures.meter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageAggregatorTest {
    private static final Meter COUNT = meter(Aggregation.COUNT);
    private static final Meter SUM = meter(Aggregation.SUM);
    private static final Meter MAX = meter(Aggregation.MAX);
    private static final Meter UNIQUE = meter(Aggregation.UNIQUE_COUNT);
    private static final Meter LATEST = meter(Aggregation.LATEST);

    @ParameterizedTest
    @EnumSource(Aggregation.class)
    void an_empty_event_list_aggregates_to_zero(Aggregation aggregation) {
        assertThat(UsageAggregator.aggregate(meter(aggregation), List.of(), MARCH)).isEqualByComparingTo("0");
    }

    @Test
    void count_counts_events_and_ignores_their_quantities() {
        List<UsageEvent> events = List.of(
                event(COUNT, "a", "5", "2026-03-02T00:00:00Z"),
                event(COUNT, "b", "0", "2026-03-03T00:00:00Z"),
                event(COUNT, "c", "2.5", "2026-03-04T00:00:00Z"));
        assertThat(UsageAggregator.aggregate(COUNT, events, MARCH)).isEqualByComparingTo("3");
    }

    @Test
    void sum_adds_quantities_exactly() {
        List<UsageEvent> events = List.of(
                event(SUM, "a", "0.1", "2026-03-02T00:00:00Z"),
                event(SUM, "b", "0.2", "2026-03-03T00:00:00Z"),
                event(SUM, "c", "0.000000000001", "2026-03-04T00:00:00Z"));
        assertThat(UsageAggregator.aggregate(SUM, events, MARCH)).isEqualByComparingTo("0.300000000001");
    }

    @Test
    void max_takes_the_largest_quantity() {
        List<UsageEvent> events = List.of(
                event(MAX, "a", "3", "2026-03-02T00:00:00Z"),
                event(MAX, "b", "7", "2026-03-03T00:00:00Z"),
                event(MAX, "c", "5", "2026-03-04T00:00:00Z"));
        assertThat(UsageAggregator.aggregate(MAX, events, MARCH)).isEqualByComparingTo("7");
    }

    @Test
    void unique_count_counts_distinct_property_values_and_skips_events_without_the_property() {
        List<UsageEvent> events = List.of(
                event(UNIQUE, "a", "1", "2026-03-02T00:00:00Z", Map.of("user_id", "u1")),
                event(UNIQUE, "b", "1", "2026-03-03T00:00:00Z", Map.of("user_id", "u2")),
                event(UNIQUE, "c", "1", "2026-03-04T00:00:00Z", Map.of("user_id", "u1")),
                event(UNIQUE, "d", "1", "2026-03-05T00:00:00Z", Map.of("other", "u3")),
                event(UNIQUE, "e", "1", "2026-03-06T00:00:00Z"));
        assertThat(UsageAggregator.aggregate(UNIQUE, events, MARCH)).isEqualByComparingTo("2");
    }

    @Test
    void unique_count_without_any_event_carrying_the_property_is_zero() {
        List<UsageEvent> events = List.of(
                event(UNIQUE, "a", "1", "2026-03-02T00:00:00Z", Map.of("userId", "u1")),
                event(UNIQUE, "b", "1", "2026-03-03T00:00:00Z"));
        assertThat(UsageAggregator.aggregate(UNIQUE, events, MARCH)).isEqualByComparingTo("0");
    }

    @Test
    void latest_takes_the_quantity_of_the_latest_event_not_the_last_in_the_list() {
        List<UsageEvent> events = List.of(
                event(LATEST, "a", "10", "2026-03-20T00:00:00Z"),
                event(LATEST, "b", "99", "2026-03-02T00:00:00Z"));
        assertThat(UsageAggregator.aggregate(LATEST, events, MARCH)).isEqualByComparingTo("10");
    }

    @Test
    void latest_ties_on_timestamp_are_broken_by_the_greatest_event_id_whatever_the_order() {
        UsageEvent a = event(LATEST, "evt-a", "1", "2026-03-20T00:00:00Z");
        UsageEvent b = event(LATEST, "evt-b", "2", "2026-03-20T00:00:00Z");
        assertThat(UsageAggregator.aggregate(LATEST, List.of(a, b), MARCH)).isEqualByComparingTo("2");
        assertThat(UsageAggregator.aggregate(LATEST, List.of(b, a), MARCH)).isEqualByComparingTo("2");
    }

    @Test
    void events_outside_the_half_open_window_are_ignored() {
        List<UsageEvent> events = List.of(
                event(SUM, "before", "1000", "2026-02-28T23:59:59.999Z"),
                event(SUM, "start", "1", "2026-03-01T00:00:00Z"),
                event(SUM, "inside", "2", "2026-03-31T23:59:59.999999999Z"),
                event(SUM, "end", "1000", "2026-04-01T00:00:00Z"));
        assertThat(UsageAggregator.aggregate(SUM, events, MARCH)).isEqualByComparingTo("3");
        assertThat(UsageAggregator.aggregate(COUNT, List.of(
                event(COUNT, "end", "1", "2026-04-01T00:00:00Z")), MARCH)).isEqualByComparingTo("0");
    }

    @Test
    void latest_ignores_a_later_event_outside_the_window() {
        List<UsageEvent> events = List.of(
                event(LATEST, "in", "4", "2026-03-31T00:00:00Z"),
                event(LATEST, "out", "8", "2026-04-02T00:00:00Z"));
        assertThat(UsageAggregator.aggregate(LATEST, events, MARCH)).isEqualByComparingTo("4");
    }

    @Test
    void events_of_other_meters_are_ignored() {
        List<UsageEvent> events = List.of(
                event(SUM, "a", "5", "2026-03-02T00:00:00Z"),
                event(MAX, "b", "500", "2026-03-02T00:00:00Z"));
        assertThat(UsageAggregator.aggregate(SUM, events, MARCH)).isEqualByComparingTo("5");
    }

    @Test
    void rollup_of_a_day_summarises_its_events() {
        TimeWindow day = new TimeWindow(Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-03T00:00:00Z"));
        List<UsageEvent> events = List.of(
                event(SUM, "a", "5", "2026-03-02T01:00:00Z"),
                event(SUM, "b", "7", "2026-03-02T23:00:00Z"),
                event(SUM, "next-day", "100", "2026-03-03T00:00:00Z"));
        UsageRollup rollup = UsageAggregator.rollup(SUM, LocalDate.of(2026, 3, 2), day, events).orElseThrow();
        assertThat(rollup.meter()).isEqualTo(SUM.key());
        assertThat(rollup.day()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(rollup.value()).isEqualByComparingTo("12");
        assertThat(rollup.events()).isEqualTo(2);
        assertThat(rollup.latestAt()).isEqualTo(Instant.parse("2026-03-02T23:00:00Z"));
    }

    @Test
    void a_day_without_events_has_no_rollup() {
        TimeWindow day = new TimeWindow(Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-03T00:00:00Z"));
        assertThat(UsageAggregator.rollup(SUM, LocalDate.of(2026, 3, 2), day, List.of())).isEmpty();
    }

    @Test
    void unique_count_meters_have_no_daily_rollup() {
        TimeWindow day = new TimeWindow(Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-03T00:00:00Z"));
        assertThatThrownBy(() -> UsageAggregator.rollup(UNIQUE, LocalDate.of(2026, 3, 2), day, List.of()))
                .isInstanceOf(BillingException.class).hasMessageContaining("UNIQUE_COUNT");
    }

    @Test
    void a_null_event_in_the_list_is_rejected() {
        List<UsageEvent> events = new java.util.ArrayList<>();
        events.add(null);
        assertThatThrownBy(() -> UsageAggregator.aggregate(SUM, events, MARCH)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("null");
    }

    @Test
    void sum_of_large_quantities_stays_exact() {
        List<UsageEvent> events = List.of(
                event(SUM, "a", "1000000000000000", "2026-03-02T00:00:00Z"),
                event(SUM, "b", "1000000000000000", "2026-03-03T00:00:00Z"),
                event(SUM, "c", "0.000000000001", "2026-03-03T00:00:00Z"));
        assertThat(UsageAggregator.aggregate(SUM, events, MARCH)).isEqualByComparingTo(new BigDecimal("2000000000000000.000000000001"));
    }
}
