package io.billkit.application.service;

import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.credit.CreditGrant;
import io.billkit.domain.credit.CreditGrantId;
import io.billkit.domain.credit.CreditLedger;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.time.BillingPeriod;

import java.util.Optional;

/**
 * Grants a plan's included credits for one billing period, once: the grant id is derived from the
 * subscription id and the period index, so granting the same period again changes nothing.
 */
final class IncludedCredits {
    private IncludedCredits() {
    }

    /** The grant id for {@code subscription}'s period {@code index}: {@code <subscriptionId>:p<index>} (hashed when too long). */
    static CreditGrantId grantId(Subscription subscription, int periodIndex) {
        String id = subscription.id().value() + ":p" + periodIndex;
        return CreditGrantId.of(id.length() <= 64 ? id : "sub:" + DerivedIds.hash(id) + ":p" + periodIndex);
    }

    /** Grants the plan's included credits for {@code period} in the caller's transaction; empty when none or granted before. */
    static Optional<CreditGrant> grant(CreditLedgerStore ledgers, Subscription subscription, Plan plan,
                                       BillingPeriod period) {
        if (plan.includedCredits().signum() <= 0) {
            return Optional.empty();
        }
        CreditGrantId id = grantId(subscription, period.index());
        CreditLedger ledger = ledgers.load(subscription.customer());
        if (ledger.grant(id).isPresent()) {
            return Optional.empty();
        }
        CreditGrant grant = CreditGrant.subscription(id, subscription.customer(), plan, period.window().start(),
                period.window().end(), "subscription " + subscription.id() + " period " + period.index());
        ledgers.apply(ledger.version(), ledger.grant(grant));
        return Optional.of(grant);
    }
}
