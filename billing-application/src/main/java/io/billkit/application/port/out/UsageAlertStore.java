package io.billkit.application.port.out;

import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.quota.UsageAlert;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Usage alerts that fired (usage_alerts), so each threshold fires once per customer, meter and window. */
public interface UsageAlertStore {
    /** Records the alert unless this threshold already fired in its window; true when recorded now. */
    boolean recordIfNew(UsageAlert alert, Instant firedAt);

    /** Thresholds (percent) already fired for the window starting at {@code windowStart}. */
    Set<Integer> fired(CustomerId customer, MeterKey meter, Instant windowStart);

    /** The customer's alerts, newest first, at most {@code limit}. */
    List<FiredAlert> recent(CustomerId customer, int limit);

    /** An alert and when it fired. */
    record FiredAlert(UsageAlert alert, Instant firedAt) {
        public FiredAlert {
            java.util.Objects.requireNonNull(alert, "alert");
            java.util.Objects.requireNonNull(firedAt, "firedAt");
        }
    }
}
