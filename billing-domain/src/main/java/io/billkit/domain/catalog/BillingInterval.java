package io.billkit.domain.catalog;

import java.time.Period;

/** How often a plan bills its base price. */
public enum BillingInterval {
    MONTH(Period.ofMonths(1)),
    YEAR(Period.ofYears(1));

    private final Period length;

    BillingInterval(Period length) {
        this.length = length;
    }

    /** Number of months in one interval (1 or 12). */
    public int months() {
        return (int) length.toTotalMonths();
    }
}
