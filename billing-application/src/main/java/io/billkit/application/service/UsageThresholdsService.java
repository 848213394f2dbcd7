package io.billkit.application.service;

import io.billkit.application.port.in.invoice.GetUsageThresholdsUseCase;
import io.billkit.application.port.in.invoice.SetUsageThresholdsCommand;
import io.billkit.application.port.in.invoice.SetUsageThresholdsUseCase;
import io.billkit.application.port.in.invoice.UsageThresholdsView;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.UsageThresholdStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.invoice.UsageThresholds;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@link SetUsageThresholdsUseCase} (one write and one audit entry, {@code invoice.usage_thresholds_set}:
 * customer-scoped for a subscription, system-wide for a plan, in one transaction) and
 * {@link GetUsageThresholdsUseCase}. New thresholds are checked from the next run of the threshold job; levels
 * already invoiced in the current period are not invoiced again.
 */
public final class UsageThresholdsService implements SetUsageThresholdsUseCase, GetUsageThresholdsUseCase {
    private final Catalog catalog;
    private final SubscriptionStore subscriptions;
    private final UsageThresholdStore store;
    private final Transactions tx;
    private final AuditTrail audit;

    public UsageThresholdsService(Catalog catalog, SubscriptionStore subscriptions, UsageThresholdStore store,
                                  Transactions tx, AuditTrail audit) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.store = Objects.requireNonNull(store, "store");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public UsageThresholdsView set(SetUsageThresholdsCommand command) {
        Objects.requireNonNull(command, "command");
        return tx.inTransaction(() -> {
            if (command.subscription().isPresent()) {
                Subscription subscription = requireSubscription(command.subscription().get());
                requireCurrency(catalog.requirePlan(subscription.plan()), command.thresholds());
                store.setForSubscription(subscription.id(), subscription.customer(), command.thresholds());
                audit.record(command.actor(), "invoice.usage_thresholds_set", subscription.customer(),
                        data("subscription", subscription.id().value(), command.thresholds()));
                return forSubscription(subscription.id());
            }
            Plan plan = catalog.requirePlan(command.plan().orElseThrow());
            requireCurrency(plan, command.thresholds());
            store.setForPlan(plan.code(), command.thresholds());
            audit.recordSystemWide(command.actor(), "invoice.usage_thresholds_set",
                    data("plan", plan.code().value(), command.thresholds()));
            return forPlan(plan.code());
        });
    }

    @Override
    public UsageThresholdsView forPlan(PlanCode plan) {
        catalog.requirePlan(plan);
        Optional<UsageThresholds> own = store.forPlan(plan);
        return new UsageThresholdsView("plan", plan.value(), own.isPresent() ? "plan" : "none", own);
    }

    @Override
    public UsageThresholdsView forSubscription(SubscriptionId id) {
        Subscription subscription = requireSubscription(id);
        Optional<UsageThresholds> own = store.forSubscription(id);
        if (own.isPresent()) {
            return new UsageThresholdsView("subscription", id.value(), "subscription", own);
        }
        Optional<UsageThresholds> plan = store.forPlan(subscription.plan());
        return new UsageThresholdsView("subscription", id.value(), plan.isPresent() ? "plan" : "none", plan);
    }

    private Subscription requireSubscription(SubscriptionId id) {
        return subscriptions.find(id).orElseThrow(() -> new BillingException(ErrorCode.NOT_FOUND,
                "subscription " + id + " not found"));
    }

    private static void requireCurrency(Plan plan, Optional<UsageThresholds> thresholds) {
        thresholds.ifPresent(t -> {
            if (!t.currency().equals(plan.currency())) {
                throw new BillingException(ErrorCode.CURRENCY_MISMATCH, "plan " + plan.code() + " is billed in "
                        + plan.currency().getCurrencyCode() + ", the thresholds are in " + t.currency().getCurrencyCode());
            }
        });
    }

    private static Map<String, String> data(String key, String value, Optional<UsageThresholds> thresholds) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(key, value);
        data.put("amounts", thresholds.map(t -> t.amounts().stream().map(m -> m.amount().toPlainString())
                .collect(Collectors.joining(","))).orElse(""));
        data.put("recurringEvery", thresholds.flatMap(UsageThresholds::recurringEvery).map(Money::amount)
                .map(java.math.BigDecimal::toPlainString).orElse(""));
        data.put("currency", thresholds.map(t -> t.currency().getCurrencyCode()).orElse(""));
        return data;
    }
}
