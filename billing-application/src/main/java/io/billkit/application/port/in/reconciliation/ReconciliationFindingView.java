package io.billkit.application.port.in.reconciliation;

import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.Money;
import io.billkit.domain.reconciliation.ReconciliationOutcome;
import io.billkit.domain.subscription.SubscriptionId;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One subscription and meter compared.
 */
public record ReconciliationFindingView(SubscriptionId subscription, CustomerId customer, MeterKey meter, BigDecimal internalQuantity, BigDecimal providerQuantity, BigDecimal unitDiscrepancy, BigDecimal relativeDiscrepancy, Money moneyDiscrepancy, ReconciliationOutcome outcome) {
    public ReconciliationFindingView {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(internalQuantity, "internalQuantity");
        Objects.requireNonNull(providerQuantity, "providerQuantity");
        Objects.requireNonNull(unitDiscrepancy, "unitDiscrepancy");
        Objects.requireNonNull(relativeDiscrepancy, "relativeDiscrepancy");
        Objects.requireNonNull(moneyDiscrepancy, "moneyDiscrepancy");
        Objects.requireNonNull(outcome, "outcome");
    }
}
