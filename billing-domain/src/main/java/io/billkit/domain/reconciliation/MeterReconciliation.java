package io.billkit.domain.reconciliation;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.SubscriptionId;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The finding for one subscription and meter.
 *
 * @param internalQuantity     what BillKit metered (meter units)
 * @param providerQuantity     what the provider billed (meter units)
 * @param unitDiscrepancy      {@code provider - internal} (positive: the provider billed more)
 * @param relativeDiscrepancy  {@code |provider - internal| / max(internal, provider)}, a fraction in
 *                             [0, 1] (zero when both are zero), to 10 decimals
 * @param moneyDiscrepancy     {@code |unitDiscrepancy| x unit price}, rounded HALF_UP; never negative
 * @param outcome              MATCHED, WITHIN_TOLERANCE or MISMATCH
 */
public record MeterReconciliation(SubscriptionId subscriptionId, CustomerId customerId, MeterKey meter,
                                  BigDecimal internalQuantity, BigDecimal providerQuantity,
                                  BigDecimal unitDiscrepancy, BigDecimal relativeDiscrepancy,
                                  Money moneyDiscrepancy, ReconciliationOutcome outcome) {
    public MeterReconciliation {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(internalQuantity, "internalQuantity");
        Objects.requireNonNull(providerQuantity, "providerQuantity");
        Objects.requireNonNull(unitDiscrepancy, "unitDiscrepancy");
        Objects.requireNonNull(relativeDiscrepancy, "relativeDiscrepancy");
        Objects.requireNonNull(moneyDiscrepancy, "moneyDiscrepancy");
        Objects.requireNonNull(outcome, "outcome");
        BillingException.require(unitDiscrepancy.compareTo(providerQuantity.subtract(internalQuantity)) == 0,
                "unitDiscrepancy must be provider - internal");
        BillingException.require(relativeDiscrepancy.signum() >= 0 && relativeDiscrepancy.compareTo(BigDecimal.ONE) <= 0,
                "relativeDiscrepancy must be in [0, 1]: " + relativeDiscrepancy.toPlainString());
        BillingException.require(!moneyDiscrepancy.isNegative(), "moneyDiscrepancy must not be negative");
        BillingException.require((outcome == ReconciliationOutcome.MATCHED) == (unitDiscrepancy.signum() == 0),
                "outcome MATCHED exactly when the quantities are equal");
    }

    public boolean isMismatch() {
        return outcome == ReconciliationOutcome.MISMATCH;
    }
}
