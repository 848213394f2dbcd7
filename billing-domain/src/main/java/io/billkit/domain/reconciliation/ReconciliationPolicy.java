package io.billkit.domain.reconciliation;

import io.billkit.domain.BillingException;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How strict reconciliation is. {@code relativeTolerance} is a fraction in [0, 1) (0.005 = 0.5 %): a
 * relative difference at or below it is {@link ReconciliationOutcome#WITHIN_TOLERANCE}.
 * {@code alertThreshold} (not negative) is the total money discrepancy a run may reach before it
 * alerts; the findings' money is summed in its currency.
 */
public record ReconciliationPolicy(BigDecimal relativeTolerance, Money alertThreshold) {
    public static final BigDecimal DEFAULT_RELATIVE_TOLERANCE = new BigDecimal("0.005");
    public static final Money DEFAULT_ALERT_THRESHOLD = Money.of("1000.00", "USD");

    public ReconciliationPolicy {
        Objects.requireNonNull(relativeTolerance, "relativeTolerance");
        Objects.requireNonNull(alertThreshold, "alertThreshold");
        BillingException.require(relativeTolerance.signum() >= 0 && relativeTolerance.compareTo(BigDecimal.ONE) < 0,
                "relativeTolerance must be in [0, 1) but was " + relativeTolerance.toPlainString());
        BillingException.require(!alertThreshold.isNegative(),
                "alertThreshold must not be negative: " + alertThreshold);
    }

    /** 0.5 % tolerance, alert above USD 1,000.00. */
    public static ReconciliationPolicy defaults() {
        return new ReconciliationPolicy(DEFAULT_RELATIVE_TOLERANCE, DEFAULT_ALERT_THRESHOLD);
    }

    public ReconciliationPolicy withRelativeTolerance(BigDecimal tolerance) {
        return new ReconciliationPolicy(tolerance, alertThreshold);
    }

    public ReconciliationPolicy withAlertThreshold(Money threshold) {
        return new ReconciliationPolicy(relativeTolerance, threshold);
    }
}
