package io.billkit.domain.usage;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Meter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Combines per-day {@link UsageRollup}s of one meter into the meter's quantity over the days given:
 * COUNT and SUM add, MAX takes the largest, LATEST takes the value of the rollup with the latest
 * {@code latestAt} (on a tie, the later day). No rollups give zero.
 *
 * <p><b>UNIQUE_COUNT cannot be combined from daily rollups</b>: a value seen on two days would be counted
 * twice. Stores must count distinct values over the whole window from the events (see
 * {@link UsageAggregator#aggregate}); this combiner refuses UNIQUE_COUNT meters with INVALID_ARGUMENT.
 */
public final class RollupCombiner {

    private RollupCombiner() {
    }

    /**
     * The meter's quantity over {@code rollups} (one per day, all of {@code meter}).
     *
     * @throws BillingException INVALID_ARGUMENT for a UNIQUE_COUNT meter, a rollup of another meter, or a day
     *                          given twice (it would be counted twice)
     */
    public static BigDecimal combine(Meter meter, List<UsageRollup> rollups) {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(rollups, "rollups");
        requireCombinable(meter);
        Set<LocalDate> days = new HashSet<>();
        for (UsageRollup rollup : rollups) {
            Objects.requireNonNull(rollup, "rollups must not contain null");
            BillingException.require(rollup.meter().equals(meter.key()),
                    "rollup of meter '" + rollup.meter() + "' cannot be combined into meter '" + meter.key() + "'");
            BillingException.require(days.add(rollup.day()),
                    "meter '" + meter.key() + "': day " + rollup.day() + " is given twice");
        }
        return switch (meter.aggregation()) {
            case COUNT, SUM -> rollups.stream().map(UsageRollup::value).reduce(BigDecimal.ZERO, BigDecimal::add);
            case MAX -> rollups.stream().map(UsageRollup::value).reduce(BigDecimal.ZERO, BigDecimal::max);
            case LATEST -> rollups.stream()
                    .max(Comparator.comparing(UsageRollup::latestAt).thenComparing(UsageRollup::day))
                    .map(UsageRollup::value)
                    .orElse(BigDecimal.ZERO);
            case UNIQUE_COUNT -> throw new IllegalStateException("refused above");
        };
    }

    static void requireCombinable(Meter meter) {
        if (meter.aggregation() == Aggregation.UNIQUE_COUNT) {
            throw BillingException.invalid("meter '" + meter.key() + "' is UNIQUE_COUNT: distinct counts cannot be "
                    + "combined from daily rollups; count distinct '" + meter.uniqueProperty()
                    + "' values over the whole window instead");
        }
    }
}
