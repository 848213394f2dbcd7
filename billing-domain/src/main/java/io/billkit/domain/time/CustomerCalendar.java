package io.billkit.domain.time;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.Window;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A customer's calendar: turns UTC instants into the customer's local dates and into the UTC
 * windows of their local days and months. Every window starts at the first instant of a local
 * date in {@code zone} ({@code LocalDate.atStartOfDay(zone)}), so a day is 23, 24 or 25 hours
 * long across DST changes and a month is its real length; nothing adds 24 hours.
 *
 * @param zone the customer's time zone (never null; {@link ZoneOffset#UTC} by default)
 */
public record CustomerCalendar(ZoneId zone) {

    public CustomerCalendar {
        Objects.requireNonNull(zone, "zone");
    }

    /** A calendar in UTC, the default for customers without a time zone. */
    public static CustomerCalendar utc() {
        return new CustomerCalendar(ZoneOffset.UTC);
    }

    /** The customer's local date at {@code at}. */
    public LocalDate localDate(Instant at) {
        Objects.requireNonNull(at, "at");
        return LocalDate.ofInstant(at, zone);
    }

    /** The customer's local calendar day containing {@code at}, as UTC instants {@code [start, end)}. */
    public TimeWindow day(Instant at) {
        return day(localDate(at));
    }

    /** The local calendar day {@code date} in this calendar's zone, as UTC instants. */
    public TimeWindow day(LocalDate date) {
        Objects.requireNonNull(date, "date");
        return TimeWindow.ofLocalDates(date, date.plusDays(1), zone);
    }

    /** The customer's local calendar month containing {@code at} (1st to 1st), as UTC instants. */
    public TimeWindow month(Instant at) {
        LocalDate first = localDate(at).withDayOfMonth(1);
        return TimeWindow.ofLocalDates(first, first.plusMonths(1), zone);
    }

    /**
     * The window an allowance with reset {@code window} counts in at {@code at}: the local
     * {@link Window#DAY day}, the local calendar {@link Window#MONTH month}, or for
     * {@link Window#PERIOD} the billing {@code period}'s own window (in the period's zone).
     *
     * @param period the current billing period; required for {@code PERIOD}, may be null otherwise
     * @throws BillingException INVALID_ARGUMENT when {@code PERIOD} is asked without a period or
     *                          with a period that does not contain {@code at}
     */
    public TimeWindow window(Window window, Instant at, BillingPeriod period) {
        return windowIn(window, at, period);
    }

    /**
     * The window of a {@link Window#DAY DAY} or {@link Window#MONTH MONTH} allowance at {@code at}; a
     * {@link Window#PERIOD PERIOD} window needs the billing period ({@link #window(Window, Instant, BillingPeriod)}).
     *
     * @throws BillingException INVALID_ARGUMENT for {@code PERIOD}
     */
    public TimeWindow window(Window window, Instant at) {
        return windowIn(window, at, null);
    }

    private TimeWindow windowIn(Window window, Instant at, BillingPeriod period) {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(at, "at");
        return switch (window) {
            case DAY -> day(at);
            case MONTH -> month(at);
            case PERIOD -> {
                BillingException.require(period != null, "a billing period is required for window PERIOD");
                BillingException.require(period.contains(at),
                        "instant " + at + " is outside billing period " + period.start() + ".." + period.lastDay());
                yield period.window();
            }
        };
    }
}
