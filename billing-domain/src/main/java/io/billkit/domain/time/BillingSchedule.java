package io.billkit.domain.time;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.BillingInterval;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The billing periods of a subscription, generated from an anchor date in the customer's zone.
 * Period {@code n} starts on {@code anchor + n intervals}, computed from the anchor every time
 * (never from the previous period) with the day of month clamped to the month's length: a Jan 31
 * anchor gives Feb 28 (Feb 29 in leap years), Mar 31, Apr 30, ...; a yearly Feb 29 anchor gives
 * Feb 28 in common years and Feb 29 again in leap years. Period {@code n} ends where period
 * {@code n + 1} starts, so periods never overlap or leave gaps.
 *
 * @param anchor   local date of period 0's start
 * @param interval {@link BillingInterval#MONTH} or {@link BillingInterval#YEAR}
 * @param zone     the customer's time zone the dates are read in
 */
public record BillingSchedule(LocalDate anchor, BillingInterval interval, ZoneId zone) {

    public BillingSchedule {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(zone, "zone");
    }

    /** Period {@code n} (0 = the one starting on the anchor). */
    public BillingPeriod period(int n) {
        BillingException.require(n >= 0, "billing period index must not be negative but was " + n);
        return new BillingPeriod(startOf(n), startOf(n + 1L), zone, n);
    }

    /**
     * The period whose window contains {@code instant}. The first instant of a period belongs to it,
     * not to the one before.
     *
     * @throws BillingException INVALID_ARGUMENT when {@code instant} is before the anchor's first instant
     */
    public BillingPeriod periodContaining(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        Instant firstInstant = anchor.atStartOfDay(zone).toInstant();
        BillingException.require(!instant.isBefore(firstInstant),
                "instant " + instant + " is before the schedule's first period starting " + anchor + " in " + zone);
        LocalDate local = LocalDate.ofInstant(instant, zone);
        long estimate = ChronoUnit.MONTHS.between(anchor, local) / interval.months();
        int n = Math.toIntExact(Math.max(0, estimate));
        BillingPeriod candidate = period(n);
        while (n > 0 && instant.isBefore(candidate.window().start())) {
            candidate = period(--n);
        }
        while (!instant.isBefore(candidate.window().end())) {
            candidate = period(++n);
        }
        return candidate;
    }

    /** The period after {@code period}, which must be one of this schedule's periods. */
    public BillingPeriod next(BillingPeriod period) {
        Objects.requireNonNull(period, "period");
        BillingException.require(period.equals(period(period.index())),
                "period " + period + " is not period " + period.index() + " of this schedule (" + this + ")");
        return period(Math.addExact(period.index(), 1));
    }

    private LocalDate startOf(long n) {
        return anchor.plusMonths(Math.multiplyExact(n, (long) interval.months()));
    }
}
