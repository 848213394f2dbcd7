package io.billkit.application.service;

import io.billkit.application.port.in.Actor;
import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.credit.CreditExpiry;
import io.billkit.domain.credit.CreditGrant;
import io.billkit.domain.credit.CreditGrantId;
import io.billkit.domain.credit.CreditGranted;
import io.billkit.domain.credit.CreditLedger;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;
import io.billkit.domain.time.TimeWindow;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The subscription credits of a new period: expires what has expired by now (the old period's credits
 * among them) and grants the plan's included credits for the subscription's current period. The grant id
 * is {@code <subscription id>:p<period index>} (hashed when that would be longer than 64 characters), so
 * granting a period twice finds the first grant and does nothing.
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
        CreditLedger ledger = credits.load(subscription.customer());
        CreditExpiry expiry = ledger.expire(now);
        if (!expiry.isEmpty()) {
            credits.apply(ledger.version(), expiry);
            audit.record(actor, "credits.expired", subscription.customer(),
                    Map.of("credits", expiry.total().toPlainString(), "grants", Integer.toString(expiry.expired().size())));
            ledger = expiry.ledger();
        }
        if (!subscription.isLive() || plan.includedCredits().signum() <= 0) {
            return;
        }
        CreditGrantId id = grantId(subscription.id(), subscription.currentPeriod().index());
        if (ledger.grant(id).isPresent()) {
            return;
        }
        TimeWindow window = subscription.currentPeriod().window();
        CreditGranted granted = ledger.grant(CreditGrant.subscription(id, subscription.customer(), plan,
                window.start(), window.end(), "subscription " + subscription.id() + " period "
                        + subscription.currentPeriod().start()));
        credits.apply(ledger.version(), granted);
        audit.record(actor, "credits.granted", subscription.customer(), Map.of("grant", id.value(),
                "source", "SUBSCRIPTION", "credits", plan.includedCredits().toPlainString(),
                "subscription", subscription.id().value(), "expiresAt", window.end().toString()));
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
}
