package io.billkit.domain.quota;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.Limit;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Finds the alert thresholds a change of usage crosses. A threshold {@code t} is <em>reached</em> by
 * {@code used} when {@code used >= t % of limit} (for a zero limit: when {@code used > 0}). It is newly
 * crossed when {@code currentUsed} reaches it, {@code previousUsed} did not, and it is not among the
 * thresholds already fired in this window; so each fires once per window, and a jump from 70 % to 100 %
 * fires 75, 90 and 100 together. An unlimited limit never fires. To catch up on thresholds that were never
 * evaluated (e.g. after the thresholds changed), pass {@code previousUsed = 0}.
 */
public final class UsageAlertEvaluator {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final UsageAlertThresholds thresholds;

    public UsageAlertEvaluator(UsageAlertThresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    /** An evaluator with the default thresholds 75, 90, 100. */
    public static UsageAlertEvaluator withDefaults() {
        return new UsageAlertEvaluator(UsageAlertThresholds.defaults());
    }

    public UsageAlertThresholds thresholds() {
        return thresholds;
    }

    /** The thresholds (percentages) newly crossed, ascending; empty when none. */
    public List<Integer> newlyCrossed(Limit limit, BigDecimal previousUsed, BigDecimal currentUsed,
                                      Set<Integer> alreadyFired) {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(previousUsed, "previousUsed");
        Objects.requireNonNull(currentUsed, "currentUsed");
        Objects.requireNonNull(alreadyFired, "alreadyFired");
        BillingException.require(previousUsed.signum() >= 0,
                "previousUsed must not be negative but was " + previousUsed.toPlainString());
        BillingException.require(currentUsed.signum() >= 0,
                "currentUsed must not be negative but was " + currentUsed.toPlainString());
        if (!(limit instanceof Limit.Finite finite)) {
            return List.of();
        }
        return thresholds.percents().stream()
                .filter(t -> !alreadyFired.contains(t))
                .filter(t -> reaches(finite, currentUsed, t) && !reaches(finite, previousUsed, t))
                .toList();
    }

    /** The alerts to raise for a change of usage, one per newly crossed threshold, ascending. */
    public List<UsageAlert> alerts(CustomerId customer, MeterKey meter, Instant windowStart, Limit limit,
                                   BigDecimal previousUsed, BigDecimal currentUsed, Set<Integer> alreadyFired) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(windowStart, "windowStart");
        return newlyCrossed(limit, previousUsed, currentUsed, alreadyFired).stream()
                .map(t -> new UsageAlert(customer, meter, t, windowStart, currentUsed, limit))
                .toList();
    }

    private static boolean reaches(Limit.Finite limit, BigDecimal used, int percent) {
        if (limit.quantity().signum() == 0) {
            return used.signum() > 0;
        }
        return used.multiply(HUNDRED).compareTo(limit.quantity().multiply(BigDecimal.valueOf(percent))) >= 0;
    }
}
