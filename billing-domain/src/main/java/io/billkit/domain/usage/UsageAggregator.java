package io.billkit.domain.usage;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.time.TimeWindow;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Folds the usage events of one meter within one {@link TimeWindow} into one quantity, per the meter's
 * {@link Aggregation}:
 * <ul>
 *   <li>COUNT: number of events;</li>
 *   <li>SUM: sum of quantities;</li>
 *   <li>MAX: largest quantity (zero without events);</li>
 *   <li>UNIQUE_COUNT: number of distinct values of the meter's {@code uniqueProperty}; events without that
 *       property do not count;</li>
 *   <li>LATEST: quantity of the event with the latest timestamp; on equal timestamps the greatest
 *       {@code eventId} (by {@link String#compareTo}) wins; zero without events.</li>
 * </ul>
 * Events outside the window (half-open {@code [start, end)}) and events of other meters are ignored. The
 * caller passes one customer's events. Pure: no state, no clock.
 */
public final class UsageAggregator {

    /** Latest by timestamp, then by event id. */
    static final Comparator<UsageEvent> LATEST_ORDER =
            Comparator.comparing(UsageEvent::timestamp).thenComparing(UsageEvent::eventId);

    private UsageAggregator() {
    }

    /** The meter's quantity over the events in {@code window}; zero for no events. Never null or negative. */
    public static BigDecimal aggregate(Meter meter, List<UsageEvent> events, TimeWindow window) {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(window, "window");
        return fold(meter, relevant(meter, events, window));
    }

    /**
     * The rollup of {@code meter} on {@code day}, whose span in the customer's time zone is {@code dayWindow}
     * (a calendar computes it; 23, 24 or 25 hours). Empty when no event of the meter falls in the window.
     *
     * @throws BillingException INVALID_ARGUMENT for a UNIQUE_COUNT meter (distinct counts do not add up over days)
     */
    public static Optional<UsageRollup> rollup(Meter meter, LocalDate day, TimeWindow dayWindow, List<UsageEvent> events) {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(dayWindow, "dayWindow");
        Objects.requireNonNull(events, "events");
        RollupCombiner.requireCombinable(meter);
        List<UsageEvent> inDay = relevant(meter, events, dayWindow);
        if (inDay.isEmpty()) {
            return Optional.empty();
        }
        UsageEvent latest = inDay.stream().max(LATEST_ORDER).orElseThrow();
        return Optional.of(new UsageRollup(meter.key(), day, fold(meter, inDay), inDay.size(), latest.timestamp()));
    }

    private static List<UsageEvent> relevant(Meter meter, List<UsageEvent> events, TimeWindow window) {
        return events.stream()
                .map(e -> Objects.requireNonNull(e, "events must not contain null"))
                .filter(e -> e.meter().equals(meter.key()) && window.contains(e.timestamp()))
                .toList();
    }

    private static BigDecimal fold(Meter meter, List<UsageEvent> events) {
        return switch (meter.aggregation()) {
            case COUNT -> BigDecimal.valueOf(events.size());
            case SUM -> events.stream().map(UsageEvent::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
            case MAX -> events.stream().map(UsageEvent::quantity).reduce(BigDecimal.ZERO, BigDecimal::max);
            case UNIQUE_COUNT -> {
                Set<String> distinct = new HashSet<>();
                events.forEach(e -> e.property(meter.uniqueProperty()).ifPresent(distinct::add));
                yield BigDecimal.valueOf(distinct.size());
            }
            case LATEST -> events.stream().max(LATEST_ORDER).map(UsageEvent::quantity).orElse(BigDecimal.ZERO);
        };
    }
}
