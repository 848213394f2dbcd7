package io.billkit.application.service;

import io.billkit.application.port.in.Actor;
import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.credit.CreditExpiry;
import io.billkit.domain.credit.CreditGrant;
import io.billkit.domain.credit.CreditGrantId;
import io.billkit.domain.credit.CreditGranted;
import io.billkit.domain.credit.CreditLedger;
import io.billkit.domain.credit.CreditTransaction;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;
import io.billkit.domain.time.BillingPeriod;
import io.billkit.domain.time.TimeWindow;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The subscription credits of a billing period, the one place that grants them: a plan's included
 * credits for one period of a subscription, valid from the period's first to its last instant. The grant
 * id is {@code <subscription id>:p<period index>} (hashed when that would be longer than 64 characters),
 * so whoever grants a period first wins and every later attempt finds the grant and does nothing:
 * <ul>
 *   <li>{@link #grantFirstPeriod} when a subscription starts ({@link SubscriptionOpener});</li>
 *   <li>{@link #ensureCurrent} before credits are spent ({@link ConsumeCreditsService}), the write path
 *       that first needs them, so the period's credits are there from its first instant even though period
 *       close runs only after the grace;</li>
 *   <li>{@link #renewFor} when period close renews the subscription ({@link ClosePeriodService}).</li>
 * </ul>
 * The last two also expire what has expired by now (the previous period's subscription credits among
 * them). Everything runs in the caller's transaction. Reads ({@link GetCreditBalanceService},
 * {@link GetBillingSummaryService}) never write: they show {@link #projected}, the same ledger computed in
 * memory, so a GET leaves the database as it was.
 */
final class PeriodCredits {
    private final CreditLedgerStore credits;
    private final AuditTrail audit;

    PeriodCredits(CreditLedgerStore credits, AuditTrail audit) {
        this.credits = Objects.requireNonNull(credits, "credits");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** Inside the caller's transaction: expire old credits, grant {@code subscription}'s current period's. */
    void renewFor(Subscription subscription, Plan plan, Instant now, Actor actor) {
        CreditLedger ledger = expire(subscription.customer(), now, actor, false);
        if (subscription.isLive()) {
            grant(ledger, subscription, plan, subscription.currentPeriod(), actor, Optional.empty());
        }
    }

    /**
     * Inside the caller's transaction: expires what has expired by {@code now} and grants the included
     * credits of the period that contains {@code now} to the customer's live subscription, even when
     * period close has not renewed it yet (the subscription is renewed in memory only, with a scheduled
     * downgrade or cancel applied as {@link Subscription#renew()} would). Returns the customer's ledger
     * after these changes. The writes are the system's, not {@code actor}'s: they are audited as the
     * {@code system} actor at the instant they took effect (the grant at the period's start, an expiry at the
     * grant's end), whichever write path comes first.
     */
    CreditLedger ensureCurrent(SubscriptionStore subscriptions, Catalog catalog, CustomerId customer, Instant now,
                               Actor actor) {
        CreditLedger ledger = expire(customer, now, Actor.system(), true);
        Optional<Subscription> current = subscriptions.findLive(customer).flatMap(live -> inPeriodAt(live, now));
        if (current.isEmpty()) {
            return ledger;
        }
        Subscription subscription = current.get();
        return grant(ledger, subscription, catalog.requirePlan(subscription.plan()), subscription.currentPeriod(),
                Actor.system(), Optional.of(subscription.currentPeriod().window().start()));
    }

    /**
     * The ledger {@link #ensureCurrent} would leave, computed without writing or locking anything: expired
     * credits expired and the current period's included credits granted, in memory only. For reads.
     */
    static CreditLedger projected(CreditLedgerStore ledgers, SubscriptionStore subscriptions, Catalog catalog,
                                  CustomerId customer, Instant now) {
        CreditLedger loaded = ledgers.load(customer);
        CreditExpiry expiry = loaded.expire(now);
        CreditLedger ledger = expiry.isEmpty() ? loaded : expiry.ledger();
        Optional<Subscription> current = subscriptions.findLive(customer).flatMap(live -> inPeriodAt(live, now));
        if (current.isEmpty()) {
            return ledger;
        }
        Subscription subscription = current.get();
        return granted(ledger, subscription, catalog.requirePlan(subscription.plan()), subscription.currentPeriod())
                .map(CreditGranted::ledger).orElse(ledger);
    }

    /**
     * Grants {@code plan}'s included credits for {@code subscription}'s current period without an audit entry
     * of its own (the caller's {@code subscription.created} entry tells it); empty when the plan includes no
     * credits or the period was granted before.
     */
    static Optional<CreditGrant> grantFirstPeriod(CreditLedgerStore ledgers, Subscription subscription, Plan plan) {
        CreditLedger ledger = ledgers.load(subscription.customer());
        Optional<CreditGranted> granted = granted(ledger, subscription, plan, subscription.currentPeriod());
        granted.ifPresent(change -> ledgers.apply(ledger.version(), change));
        return granted.map(CreditGranted::grant);
    }

    /** {@code <subscription id>:p<index>}, or a hash of the subscription id when that is too long. */
    static CreditGrantId grantId(SubscriptionId subscription, int periodIndex) {
        String suffix = ":p" + periodIndex;
        String plain = subscription.value() + suffix;
        if (plain.length() <= 64) {
            return CreditGrantId.of(plain);
        }
        return CreditGrantId.of("sub-" + Hashes.sha256Hex(subscription.value()).substring(0, 40) + suffix);
    }

    /**
     * {@code subscription} as it is in the period containing {@code now}: renewed in memory past every
     * period that ended at or before {@code now}; empty when it is no longer live by then.
     */
    static Optional<Subscription> inPeriodAt(Subscription subscription, Instant now) {
        Subscription at = subscription;
        while (at.isLive() && !now.isBefore(at.currentPeriodEnd())) {
            at = at.renew();
        }
        return at.isLive() ? Optional.of(at) : Optional.empty();
    }

    private CreditLedger expire(CustomerId customer, Instant now, Actor actor, boolean stampWhenEffective) {
        CreditLedger ledger = credits.load(customer);
        CreditExpiry expiry = ledger.expire(now);
        if (expiry.isEmpty()) {
            return ledger;
        }
        credits.apply(ledger.version(), expiry);
        Map<String, String> data = Map.of("credits", expiry.total().toPlainString(),
                "grants", Integer.toString(expiry.expired().size()));
        Optional<Instant> effective = stampWhenEffective
                ? expiry.transactions().stream().map(CreditTransaction::at).max(Comparator.naturalOrder())
                : Optional.empty();
        record(actor, "credits.expired", customer, data, effective);
        return expiry.ledger();
    }

    private void record(Actor actor, String action, CustomerId customer, Map<String, String> data,
                        Optional<Instant> effective) {
        if (effective.isPresent()) {
            audit.recordAt(actor, action, customer, data, effective.get());
        } else {
            audit.record(actor, action, customer, data);
        }
    }

    private CreditLedger grant(CreditLedger ledger, Subscription subscription, Plan plan, BillingPeriod period,
                               Actor actor, Optional<Instant> effective) {
        Optional<CreditGranted> granted = granted(ledger, subscription, plan, period);
        if (granted.isEmpty()) {
            return ledger;
        }
        credits.apply(ledger.version(), granted.get());
        record(actor, "credits.granted", subscription.customer(), Map.of(
                "grant", grantId(subscription.id(), period.index()).value(), "source", "SUBSCRIPTION",
                "credits", plan.includedCredits().toPlainString(), "subscription", subscription.id().value(),
                "expiresAt", period.window().end().toString()), effective);
        return granted.get().ledger();
    }

    /** The grant of {@code period}'s included credits; empty when the plan includes none or it exists. */
    private static Optional<CreditGranted> granted(CreditLedger ledger, Subscription subscription, Plan plan,
                                                   BillingPeriod period) {
        if (plan.includedCredits().signum() <= 0) {
            return Optional.empty();
        }
        CreditGrantId id = grantId(subscription.id(), period.index());
        if (ledger.grant(id).isPresent()) {
            return Optional.empty();
        }
        TimeWindow window = period.window();
        return Optional.of(ledger.grant(CreditGrant.subscription(id, subscription.customer(), plan, window.start(),
                window.end(), "subscription " + subscription.id() + " period " + period.start())));
    }
}
