package io.billkit.domain.time;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.BillingInterval;
import io.billkit.domain.catalog.Window;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerCalendarTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final CustomerCalendar newYork = new CustomerCalendar(NEW_YORK);

    @Test
    void spring_forward_day_in_new_york_is_23_hours_long() {
        TimeWindow day = newYork.day(Instant.parse("2026-03-08T12:00:00Z"));

        assertThat(day.start()).isEqualTo(Instant.parse("2026-03-08T05:00:00Z"));
        assertThat(day.end()).isEqualTo(Instant.parse("2026-03-09T04:00:00Z"));
        assertThat(day.length()).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void fall_back_day_in_new_york_is_25_hours_long() {
        TimeWindow day = newYork.day(Instant.parse("2026-11-01T12:00:00Z"));

        assertThat(day.start()).isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
        assertThat(day.end()).isEqualTo(Instant.parse("2026-11-02T05:00:00Z"));
        assertThat(day.length()).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void both_occurrences_of_the_repeated_hour_fall_in_the_same_local_day() {
        Instant firstOneThirty = Instant.parse("2026-11-01T05:30:00Z");  // 01:30 EDT
        Instant secondOneThirty = Instant.parse("2026-11-01T06:30:00Z"); // 01:30 EST

        assertThat(newYork.day(firstOneThirty)).isEqualTo(newYork.day(secondOneThirty));
        assertThat(newYork.localDate(secondOneThirty)).isEqualTo(LocalDate.of(2026, 11, 1));
    }

    @Test
    void an_ordinary_day_is_24_hours_and_its_midnight_belongs_to_it_not_to_the_day_before() {
        Instant localMidnight = Instant.parse("2026-06-15T04:00:00Z"); // 00:00 EDT

        TimeWindow day = newYork.day(localMidnight);

        assertThat(day.start()).isEqualTo(localMidnight);
        assertThat(day.length()).isEqualTo(Duration.ofHours(24));
        assertThat(newYork.day(localMidnight.minusNanos(1)).end()).isEqualTo(localMidnight);
        assertThat(newYork.localDate(localMidnight.minusNanos(1))).isEqualTo(LocalDate.of(2026, 6, 14));
    }

    @Test
    void customers_at_utc_plus_14_and_utc_minus_12_live_on_different_dates_at_the_same_instant() {
        Instant at = Instant.parse("2026-06-15T11:00:00Z");
        CustomerCalendar kiritimati = new CustomerCalendar(ZoneId.of("Pacific/Kiritimati"));
        CustomerCalendar minusTwelve = new CustomerCalendar(ZoneId.of("Etc/GMT+12"));

        assertThat(kiritimati.localDate(at)).isEqualTo(LocalDate.of(2026, 6, 16));
        assertThat(minusTwelve.localDate(at)).isEqualTo(LocalDate.of(2026, 6, 14));
        assertThat(CustomerCalendar.utc().localDate(at)).isEqualTo(LocalDate.of(2026, 6, 15));

        TimeWindow kiritimatiDay = kiritimati.day(at);
        TimeWindow minusTwelveDay = minusTwelve.day(at);
        assertThat(kiritimatiDay).isEqualTo(new TimeWindow(Instant.parse("2026-06-15T10:00:00Z"), Instant.parse("2026-06-16T10:00:00Z")));
        assertThat(minusTwelveDay).isEqualTo(new TimeWindow(Instant.parse("2026-06-14T12:00:00Z"), Instant.parse("2026-06-15T12:00:00Z")));
        assertThat(kiritimatiDay.contains(at)).isTrue();
        assertThat(minusTwelveDay.contains(at)).isTrue();
    }

    @Test
    void a_day_whose_midnight_does_not_exist_starts_at_the_first_valid_instant() {
        // Chile springs forward at 24:00 on 2026-09-05: 2026-09-06 starts at 01:00 local.
        CustomerCalendar santiago = new CustomerCalendar(ZoneId.of("America/Santiago"));

        TimeWindow day = santiago.day(LocalDate.of(2026, 9, 6));

        assertThat(day.start()).isEqualTo(Instant.parse("2026-09-06T04:00:00Z"));
        assertThat(day.length()).isEqualTo(Duration.ofHours(23));
        assertThat(santiago.day(LocalDate.of(2026, 9, 5)).end()).isEqualTo(day.start());
    }

    @Test
    void a_day_that_falls_back_at_midnight_is_25_hours_long() {
        CustomerCalendar santiago = new CustomerCalendar(ZoneId.of("America/Santiago"));

        TimeWindow day = santiago.day(LocalDate.of(2026, 4, 4));

        assertThat(day.start()).isEqualTo(Instant.parse("2026-04-04T03:00:00Z"));
        assertThat(day.end()).isEqualTo(Instant.parse("2026-04-05T04:00:00Z"));
        assertThat(day.length()).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void month_windows_follow_local_midnights_across_dst() {
        TimeWindow march = newYork.month(Instant.parse("2026-03-20T12:00:00Z"));
        TimeWindow november = newYork.month(Instant.parse("2026-11-20T12:00:00Z"));

        assertThat(march).isEqualTo(new TimeWindow(Instant.parse("2026-03-01T05:00:00Z"), Instant.parse("2026-04-01T04:00:00Z")));
        assertThat(march.length()).isEqualTo(Duration.ofHours(31 * 24 - 1));
        assertThat(november).isEqualTo(new TimeWindow(Instant.parse("2026-11-01T04:00:00Z"), Instant.parse("2026-12-01T05:00:00Z")));
        assertThat(november.length()).isEqualTo(Duration.ofHours(30 * 24 + 1));
    }

    @Test
    void an_evening_in_new_york_on_the_last_of_the_month_counts_in_that_month_though_utc_is_already_in_the_next() {
        Instant at = Instant.parse("2026-04-01T03:30:00Z"); // 2026-03-31 23:30 EDT

        assertThat(newYork.month(at).start()).isEqualTo(Instant.parse("2026-03-01T05:00:00Z"));
        assertThat(CustomerCalendar.utc().month(at).start()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
    }

    @Test
    void window_picks_the_local_day_the_local_month_or_the_billing_period() {
        BillingPeriod period = new BillingSchedule(LocalDate.of(2026, 1, 15), BillingInterval.MONTH, NEW_YORK).period(1);
        Instant at = Instant.parse("2026-03-01T12:00:00Z");

        assertThat(newYork.window(Window.DAY, at, period)).isEqualTo(newYork.day(at));
        assertThat(newYork.window(Window.MONTH, at, null)).isEqualTo(newYork.month(at));
        assertThat(newYork.window(Window.PERIOD, at, period)).isEqualTo(
                new TimeWindow(Instant.parse("2026-02-15T05:00:00Z"), Instant.parse("2026-03-15T04:00:00Z")));
    }

    @Test
    void window_period_needs_a_period_that_contains_the_instant() {
        BillingPeriod period = new BillingSchedule(LocalDate.of(2026, 1, 15), BillingInterval.MONTH, NEW_YORK).period(0);

        assertThatThrownBy(() -> newYork.window(Window.PERIOD, Instant.parse("2026-02-01T00:00:00Z"), null))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("PERIOD");
        assertThatThrownBy(() -> newYork.window(Window.PERIOD, Instant.parse("2026-03-01T00:00:00Z"), period))
                .isInstanceOf(BillingException.class)
                .hasMessageContaining("outside billing period");
    }
}
