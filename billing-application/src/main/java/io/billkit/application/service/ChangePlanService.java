package io.billkit.application.service;

import io.billkit.application.port.out.InvoiceDates;
import io.billkit.application.port.in.subscription.ChangePlanCommand;
import io.billkit.application.port.in.subscription.ChangePlanUseCase;
import io.billkit.application.port.in.subscription.ChangeTiming;
import io.billkit.application.port.in.subscription.PlanChangeView;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.PendingChargeStore;
import io.billkit.application.port.out.PendingChargeStore.PendingCharge;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.provider.ProviderSubscriptions;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.PlanChange;
import io.billkit.domain.subscription.Proration;
import io.billkit.domain.subscription.ProrationResult;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.time.BillingPeriod;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Moves the customer's live subscription to another plan of the same interval. An upgrade (a plan at
 * least as expensive) applies now: its cost is the net proration of the rest of the period (new plan's
 * share minus the unused share of the old one, {@link PlanChangeView#prorationCharge()}). Since the period's
 * invoice bills the base fee of the plan the subscription is on at period close (the new one) for the whole
 * period (less the trial's share of it, {@code TrialDiscount}), the {@link PendingCharge} waiting for that
 * invoice is {@code net - (new fee - old fee)}, each fee less its trial share (zero or negative: the old
 * plan's rate for the part of the period before the change), so the invoice comes to the old plan's fee
 * (less its trial share) plus the net. BillKit is the biller of record: the provider switches its price now
 * and never prorates ({@link io.billkit.application.port.out.provider.ProviderSubscriptions#changePlan}; Stripe:
 * {@code proration_behavior=none}), so the difference is billed once, on BillKit's invoice. A downgrade is
 * scheduled for the period end without proration. While a trial is still running an upgrade charges nothing (there is nothing paid to
 * prorate). Provider calls come first, with a key derived from the subscription id and version, so a
 * retry reuses them; the local change is saved over the version it was derived from (CONFLICT when the
 * subscription moved meanwhile).
 *
 * <p>A change after a period ended but before its close ran first closes that period at the old plan
 * ({@link EndedPeriodCloser}: invoiced as period close would have invoiced it); the change then applies to the
 * period that has begun (an upgrade is prorated over it, a downgrade takes effect at its end).
 */
public final class ChangePlanService implements ChangePlanUseCase {
    private final BillingContexts contexts;
    private final SubscriptionStore subscriptions;
    private final PendingChargeStore pendingCharges;
    private final ProviderReferenceStore references;
    private final ProviderSubscriptions provider;
    private final Outbox outbox;
    private final Transactions tx;
    private final AuditTrail audit;
    private final Clock clock;
    private final EndedPeriodCloser endedPeriods;

    public ChangePlanService(BillingContexts contexts, SubscriptionStore subscriptions, PendingChargeStore pendingCharges,
                             ProviderReferenceStore references, ProviderSubscriptions provider, Outbox outbox,
                             Transactions tx, AuditTrail audit, Clock clock, EndedPeriodCloser endedPeriods) {
        this.endedPeriods = Objects.requireNonNull(endedPeriods, "endedPeriods");
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.pendingCharges = Objects.requireNonNull(pendingCharges, "pendingCharges");
        this.references = Objects.requireNonNull(references, "references");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public PlanChangeView change(ChangePlanCommand command) {
        Instant now = clock.instant();
        // a period that ended but is not closed yet is billed at the old plan first; the change applies to the next
        endedPeriods.closeEndedPeriods(contexts.live(command.customer(), now).subscription(), now, command.actor());
        BillingContext context = contexts.live(command.customer(), now);
        Subscription subscription = context.subscription();
        Plan from = context.plan();
        Plan to = contexts.catalog().requirePlan(command.plan());
        PlanChange kind = PlanChange.classify(from, to);
        String key = "subscription-change-" + subscription.id().value() + "-v" + subscription.version();
        Optional<String> providerSubscription = references.providerId(SubscriptionOpener.SUBSCRIPTION_REF,
                subscription.id().value());
        providerSubscription.ifPresent(id -> provider.changePlan(id, to.code(), key));

        return tx.inTransaction(() -> kind.appliesNow()
                ? upgrade(command, context, subscription, from, to, now)
                : downgrade(command, subscription, from, to, now));
    }

    private PlanChangeView upgrade(ChangePlanCommand command, BillingContext context, Subscription subscription,
                                   Plan from, Plan to, Instant now) {
        Subscription upgraded = subscription.upgradeNow(to.code());
        subscriptions.save(upgraded);
        BillingPeriod period = context.period();
        boolean inTrial = subscription.trialEnd().map(end -> end.isAfter(now)).orElse(false);
        Optional<Money> charge = Optional.empty();
        Map<String, String> data = baseData(subscription, from, to, "UPGRADE");
        if (!inTrial) {
            ProrationResult proration = Proration.of(from, to, period, now);
            Money net = proration.net();
            charge = Optional.of(net);
            data.put("unusedCredit", proration.unusedCredit().amount().toPlainString());
            data.put("remainingCharge", proration.remainingCharge().amount().toPlainString());
            data.put("prorationNet", net.amount().toPlainString());
            data.put("currency", net.currencyCode());
            // The period's invoice bills the base fee of the plan it is on at close (the new one) for the whole
            // period, less that plan's trial share, so the line is the net minus the difference of those fees:
            // invoice = old fee (less its trial share) + net.
            Money adjustment = net.minus(feeAfterTrial(subscription, to, period)
                    .minus(feeAfterTrial(subscription, from, period)));
            data.put("invoiceAdjustment", adjustment.amount().toPlainString());
            if (!adjustment.isZero()) {
                String chargeId = "proration-" + subscription.id().value() + "-v" + subscription.version();
                pendingCharges.add(new PendingCharge(chargeId, subscription.id(), new InvoiceLine.ProrationLine(
                        "Upgrade " + from.name() + " -> " + to.name() + " on "
                                + InvoiceDates.format(context.calendar().localDate(now)) + ": " + from.name()
                                + " rate until then (period " + InvoiceDates.format(period.start()) + " – "
                                + InvoiceDates.format(period.lastDay()) + ")", adjustment), now));
                data.put("pendingCharge", chargeId);
            }
        }
        LocalDate effectiveOn = context.calendar().localDate(now);
        data.put("effectiveOn", effectiveOn.toString());
        OutboxEvents.append(outbox, "subscription.plan_changed", subscription.id().value(), subscription.customer(),
                data, now);
        audit.record(command.actor(), "subscription.upgraded", subscription.customer(), data);
        return new PlanChangeView(SubscriptionViews.of(upgraded, contexts.catalog()), from.code(), to.code(),
                ChangeTiming.IMMEDIATE, effectiveOn, charge);
    }

    private PlanChangeView downgrade(ChangePlanCommand command, Subscription subscription, Plan from, Plan to,
                                     Instant now) {
        Subscription scheduled = subscription.scheduleDowngrade(to.code());
        subscriptions.save(scheduled);
        LocalDate effectiveOn = subscription.currentPeriod().endExclusive();
        Map<String, String> data = baseData(subscription, from, to, "DOWNGRADE");
        data.put("effectiveOn", effectiveOn.toString());
        OutboxEvents.append(outbox, "subscription.downgrade_scheduled", subscription.id().value(),
                subscription.customer(), data, now);
        audit.record(command.actor(), "subscription.downgrade_scheduled", subscription.customer(), data);
        return new PlanChangeView(SubscriptionViews.of(scheduled, contexts.catalog()), from.code(), to.code(),
                ChangeTiming.AT_PERIOD_END, effectiveOn, Optional.empty());
    }

    /** What period close bills for {@code plan}'s base fee in {@code period}: the fee less the trial's share. */
    private static Money feeAfterTrial(Subscription subscription, Plan plan, BillingPeriod period) {
        return TrialDiscount.line(subscription, plan, period).map(line -> plan.basePrice().plus(line.amount()))
                .orElse(plan.basePrice());
    }

    private static Map<String, String> baseData(Subscription subscription, Plan from, Plan to, String kind) {
        Map<String, String> data = new HashMap<>();
        data.put("subscription", subscription.id().value());
        data.put("from", from.code().value());
        data.put("to", to.code().value());
        data.put("change", kind);
        return data;
    }
}
