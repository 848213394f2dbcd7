package io.billkit.application.service;

import io.billkit.application.port.in.credit.LowBalanceThresholdView;
import io.billkit.application.port.in.credit.SetLowBalanceThresholdCommand;
import io.billkit.application.port.in.credit.SetLowBalanceThresholdUseCase;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.LowBalanceThresholdStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.catalog.Catalog;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * {@link SetLowBalanceThresholdUseCase}: one write and one audit entry ({@code credits.low_balance_threshold_set}:
 * customer-scoped for a customer, system-wide for a plan) in one transaction. A new threshold applies from the next
 * debit: an alert fires when a debit crosses it downwards (a balance already below a raised threshold alerts on
 * its next debit only if that debit starts at or above it, so never; it re-arms after a top-up).
 */
public final class SetLowBalanceThresholdService implements SetLowBalanceThresholdUseCase {
    private final CustomerStore customers;
    private final Catalog catalog;
    private final LowBalanceThresholdStore store;
    private final LowBalanceThresholds thresholds;
    private final Transactions tx;
    private final AuditTrail audit;

    public SetLowBalanceThresholdService(CustomerStore customers, SubscriptionStore subscriptions, Catalog catalog,
                                         LowBalanceThresholdStore store, BigDecimal defaultThreshold,
                                         Transactions tx, AuditTrail audit) {
        this.customers = Objects.requireNonNull(customers, "customers");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.store = Objects.requireNonNull(store, "store");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.thresholds = new LowBalanceThresholds(store, subscriptions, defaultThreshold);
    }

    @Override
    public LowBalanceThresholdView set(SetLowBalanceThresholdCommand command) {
        Objects.requireNonNull(command, "command");
        command.customer().ifPresent(c -> Customers.require(customers, c));
        command.plan().ifPresent(catalog::requirePlan);
        String value = command.threshold().map(BigDecimal::toPlainString).orElse("");
        return tx.inTransaction(() -> {
            if (command.customer().isPresent()) {
                store.setForCustomer(command.customer().get(), command.threshold());
                audit.record(command.actor(), "credits.low_balance_threshold_set", command.customer().get(),
                        Map.of("threshold", value));
                return thresholds.forCustomer(command.customer().get());
            }
            store.setForPlan(command.plan().orElseThrow(), command.threshold());
            audit.recordSystemWide(command.actor(), "credits.low_balance_threshold_set",
                    Map.of("plan", command.plan().get().value(), "threshold", value));
            return thresholds.forPlan(command.plan().get());
        });
    }
}
