package io.billkit.domain.quota;

import io.billkit.domain.BillingException;

import java.util.List;
import java.util.Objects;

/**
 * The percentages of a limit at which usage alerts fire, strictly ascending, each in {@code (0, 1000]}
 * (above 100 warns about overage under SOFT limits). At least one. Default: 75, 90, 100.
 */
public record UsageAlertThresholds(List<Integer> percents) {
    public static final int MAX_PERCENT = 1000;

    public UsageAlertThresholds {
        Objects.requireNonNull(percents, "percents");
        BillingException.require(!percents.isEmpty(), "alert thresholds: at least one percentage is needed");
        Integer previous = null;
        for (Integer percent : percents) {
            BillingException.require(percent != null, "alert thresholds: a percentage is null");
            BillingException.require(percent > 0 && percent <= MAX_PERCENT,
                    "alert thresholds: " + percent + " is not in (0, " + MAX_PERCENT + "]");
            BillingException.require(previous == null || percent > previous,
                    "alert thresholds must be strictly ascending but " + percent + " follows " + previous);
            previous = percent;
        }
        percents = List.copyOf(percents);
    }

    /** 75 %, 90 %, 100 %. */
    public static UsageAlertThresholds defaults() {
        return new UsageAlertThresholds(List.of(75, 90, 100));
    }

    public static UsageAlertThresholds of(Integer... percents) {
        return new UsageAlertThresholds(List.of(percents));
    }
}
