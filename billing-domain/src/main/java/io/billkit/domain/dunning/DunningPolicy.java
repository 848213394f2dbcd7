package io.billkit.domain.dunning;

import io.billkit.domain.BillingException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How BillKit chases a failed invoice payment: the retries, as whole days after the first failure (e.g. 3, 5, 7:
 * three retries, on day 3, day 5 and day 7), and the action taken when the last retry fails as well. A day is 24
 * hours after the failure's instant (a retry happens at the failure's time of day, whatever the time zone).
 *
 * @param retryDays   days after the first failure, strictly increasing, each 1..365, 1..12 of them
 * @param finalAction what happens to the subscription after the last failed retry
 */
public record DunningPolicy(List<Integer> retryDays, DunningFinalAction finalAction) {
    /** At most this many retries per failed invoice. */
    public static final int MAX_RETRIES = 12;

    public DunningPolicy {
        retryDays = List.copyOf(Objects.requireNonNull(retryDays, "retryDays"));
        Objects.requireNonNull(finalAction, "finalAction");
        BillingException.require(!retryDays.isEmpty() && retryDays.size() <= MAX_RETRIES,
                "a dunning schedule needs 1.." + MAX_RETRIES + " retries but had " + retryDays.size());
        int previous = 0;
        for (int day : retryDays) {
            BillingException.require(day >= 1 && day <= 365, "a dunning retry day must be in 1..365 but was " + day);
            BillingException.require(day > previous,
                    "dunning retry days must be strictly increasing but were " + retryDays);
            previous = day;
        }
    }

    /** The default: retries on day 3, 5 and 7 after the failure, then cancel the subscription. */
    public static DunningPolicy standard() {
        return new DunningPolicy(List.of(3, 5, 7), DunningFinalAction.CANCEL);
    }

    /** Retries on {@code days} after the failure, then {@code finalAction}. */
    public static DunningPolicy of(DunningFinalAction finalAction, Integer... days) {
        return new DunningPolicy(List.of(days), finalAction);
    }

    /** How many retries the schedule has. */
    public int retries() {
        return retryDays.size();
    }

    /** When retry {@code number} (1-based) is due for a payment that first failed at {@code firstFailure}. */
    public Instant retryAt(Instant firstFailure, int number) {
        Objects.requireNonNull(firstFailure, "firstFailure");
        BillingException.require(number >= 1 && number <= retries(),
                "retry number must be in 1.." + retries() + " but was " + number);
        return firstFailure.plus(Duration.ofDays(retryDays.get(number - 1)));
    }
}
