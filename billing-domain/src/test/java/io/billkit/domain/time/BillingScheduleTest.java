package io.billkit.domain.time;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.BillingInterval;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BillingScheduleTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void monthly_anchor_on_the_31st_clamps_to_short_months_and_returns_to_the_31st() {
        BillingSchedule schedule = new BillingSchedule(date("2026-01-31"), BillingInterval.MONTH, ZoneOffset.UTC);

        assertThat(IntStream.range(0, 6).mapToObj(n -> schedule.period(n).start()))
                .containsExactly(date("2026-01-31"), date("2026-02-28"), date("2026-03-31"),
                        date("2026-04-30"), date("2026-05-31"), date("2026-06-30"));
        assertThat(schedule.period(1).endExclusive()).isEqualTo(date("2026-03-31"));
        assertThat(schedule.period(1).lastDay()).isEqualTo(date("2026-03-30"));
    }

    @Test
    void periods_are_computed_from_the_anchor_not_from_the_previous_period() {
        BillingSchedule schedule = new BillingSchedule(date("2026-01-31"), BillingInterval.MONTH, ZoneOffset.UTC);
        // Chaining would give Apr 30 + 1 month = May 30; from the anchor it is May 31.
        assertThat(schedule.period(3).start()).isEqualTo(date("2026-04-30"));
        assertThat(schedule.period(4).start()).isEqualTo(date("2026-05-31"));
        assertThat(schedule.period(13).start()).isEqualTo(date("2027-02-28"));
    }

    @Test
    void monthly_anchor_on_the_31st_lands_on_february_29_in_a_leap_year() {
        BillingSchedule schedule = new BillingSchedule(date("2028-01-31"), BillingInterval.MONTH, ZoneOffset.UTC);

        assertThat(schedule.period(1).start()).isEqualTo(date("2028-02-29"));
        assertThat(schedule.period(1).endExclusive()).isEqualTo(date("2028-03-31"));
        assertThat(schedule.period(0).lastDay()).isEqualTo(date("2028-02-28"));
    }

    @Test
    void yearly_anchor_on_february_29_clamps_to_the_28th_and_returns_to_the_29th_in_leap_years() {
        BillingSchedule schedule = new BillingSchedule(date("2024-02-29"), BillingInterval.YEAR, ZoneOffset.UTC);

        assertThat(IntStream.range(0, 5).mapToObj(n -> schedule.period(n).start()))
                .containsExactly(date("2024-02-29"), date("2025-02-28"), date("2026-02-28"),
                        date("2027-02-28"), date("2028-02-29"));
        assertThat(schedule.period(0).window().length()).isEqualTo(Duration.ofDays(365));
        assertThat(schedule.period(3).window().length()).isEqualTo(Duration.ofDays(366));
    }

    @Test
    void the_boundary_instant_belongs_to_the_new_period() {
        BillingSchedule schedule = new BillingSchedule(date("2026-01-31"), BillingInterval.MONTH, NEW_YORK);
        Instant boundary = Instant.parse("2026-02-28T05:00:00Z"); // 2026-02-28 00:00 EST

        assertThat(schedule.periodContaining(boundary).index()).isEqualTo(1);
        assertThat(schedule.periodContaining(boundary.minusNanos(1)).index()).isZero();
        assertThat(schedule.period(0).contains(boundary)).isFalse();
        assertThat(schedule.period(1).contains(boundary)).isTrue();
    }

    @Test
    void a_utc_instant_already_in_the_new_month_still_belongs_to_the_local_period_before() {
        BillingSchedule schedule = new BillingSchedule(date("2026-03-01"), BillingInterval.MONTH, NEW_YORK);
        Instant at = Instant.parse("2026-04-01T03:59:59Z"); // 2026-03-31 23:59:59 EDT

        assertThat(schedule.periodContaining(at).start()).isEqualTo(date("2026-03-01"));
        assertThat(schedule.periodContaining(at.plusSeconds(1)).start()).isEqualTo(date("2026-04-01"));
    }

    @Test
    void a_march_period_in_new_york_is_one_hour_short_and_a_november_period_one_hour_long() {
        BillingSchedule schedule = new BillingSchedule(date("2026-03-01"), BillingInterval.MONTH, NEW_YORK);

        assertThat(schedule.period(0).window().length()).isEqualTo(Duration.ofHours(31 * 24 - 1));
        assertThat(schedule.period(8).start()).isEqualTo(date("2026-11-01"));
        assertThat(schedule.period(8).window().length()).isEqualTo(Duration.ofHours(30 * 24 + 1));
    }

    @Test
    void period_containing_finds_the_one_period_for_every_instant_over_two_years() {
        BillingSchedule schedule = new BillingSchedule(date("2026-01-31"), BillingInterval.MONTH, NEW_YORK);
        Instant first = date("2026-01-31").atStartOfDay(NEW_YORK).toInstant();

        for (Instant at = first; at.isBefore(first.plus(Duration.ofDays(730))); at = at.plus(Duration.ofMinutes(397))) {
            BillingPeriod found = schedule.periodContaining(at);
            assertThat(found.contains(at)).as("period %s contains %s", found, at).isTrue();
            assertThat(found).isEqualTo(schedule.period(found.index()));
        }
        assertThat(schedule.periodContaining(first.plus(Duration.ofDays(730))).index()).isEqualTo(24);
    }

    @Test
    void period_containing_works_far_from_the_anchor_in_yearly_schedules() {
        BillingSchedule schedule = new BillingSchedule(date("2024-02-29"), BillingInterval.YEAR, ZoneOffset.UTC);

        assertThat(schedule.periodContaining(Instant.parse("2028-02-28T23:59:59Z")).index()).isEqualTo(3);
        assertThat(schedule.periodContaining(Instant.parse("2028-02-29T00:00:00Z")).index()).isEqualTo(4);
        assertThat(schedule.periodContaining(Instant.parse("2124-03-01T00:00:00Z")).index()).isEqualTo(100);
    }

    @Test
    void an_instant_before_the_anchor_has_no_period() {
        BillingSchedule schedule = new BillingSchedule(date("2026-01-31"), BillingInterval.MONTH, NEW_YORK);

        assertThatThrownBy(() -> schedule.periodContaining(Instant.parse("2026-01-31T04:59:59Z")))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("before the schedule's first period");
        assertThatThrownBy(() -> schedule.period(-1)).isInstanceOf(BillingException.class);
    }

    @Test
    void next_follows_the_anchor_and_refuses_a_period_of_another_schedule() {
        BillingSchedule schedule = new BillingSchedule(date("2026-01-31"), BillingInterval.MONTH, ZoneOffset.UTC);
        BillingSchedule other = new BillingSchedule(date("2026-01-30"), BillingInterval.MONTH, ZoneOffset.UTC);

        BillingPeriod next = schedule.next(schedule.period(1));

        assertThat(next).isEqualTo(schedule.period(2));
        assertThat(next.start()).isEqualTo(date("2026-03-31"));
        assertThatThrownBy(() -> schedule.next(other.period(1)))
                .isInstanceOf(BillingException.class)
                .hasMessageContaining("not period 1 of this schedule");
    }

    @Test
    void billing_period_validates_its_dates_and_index() {
        ZoneId utc = ZoneOffset.UTC;
        assertThatThrownBy(() -> new BillingPeriod(date("2026-02-01"), date("2026-02-01"), utc, 0))
                .isInstanceOf(BillingException.class).hasMessageContaining("must be after its start");
        assertThatThrownBy(() -> new BillingPeriod(date("2026-02-01"), date("2026-03-01"), utc, -1))
                .isInstanceOf(BillingException.class).hasMessageContaining("index");
        assertThatThrownBy(() -> new BillingPeriod(null, date("2026-03-01"), utc, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("start");
    }

    @Test
    void time_window_of_local_dates_spans_first_instant_to_first_instant() {
        TimeWindow window = TimeWindow.ofLocalDates(date("2026-03-08"), date("2026-03-10"), NEW_YORK);

        assertThat(window.length()).isEqualTo(Duration.ofHours(47));
        assertThatThrownBy(() -> TimeWindow.ofLocalDates(date("2026-03-10"), date("2026-03-08"), NEW_YORK))
                .isInstanceOf(BillingException.class);
    }
}
