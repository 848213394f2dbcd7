package io.billkit.domain.credit;

import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.time.Instant;

/** Test data from the {@code credits} seed catalog: a Monthly customer in March 2026 (UTC). */
final class CreditFixtures {
    static final Catalog CATALOG = SeedCatalogs.credits();
    static final Plan MONTHLY = CATALOG.requirePlan(PlanCode.of("monthly"));
    static final Plan ANNUAL = CATALOG.requirePlan(PlanCode.of("annual"));
    static final CustomerId ACME = CustomerId.of("acme");

    static final Instant PERIOD_START = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant PERIOD_END = Instant.parse("2026-04-01T00:00:00Z");
    static final Instant MID_MARCH = Instant.parse("2026-03-15T12:00:00Z");

    static final CreditGrantId SUB_MARCH = CreditGrantId.of("sub_1:2026-03");
    static final CreditGrantId PACK = CreditGrantId.of("order_77");
    static final CreditGrantId PROMO = CreditGrantId.of("promo_spring");

    private CreditFixtures() {
    }

    static BigDecimal credits(String value) {
        return new BigDecimal(value);
    }

    /** The Monthly plan's 10,000 credits for March, expiring at April 1st. */
    static CreditGrant monthlyCredits() {
        return CreditGrant.subscription(SUB_MARCH, ACME, MONTHLY, PERIOD_START, PERIOD_END, "sub_1 2026-03");
    }

    /** A {@code pack_1k} bought on March 3rd: 1,000 credits that never expire. */
    static CreditGrant packOf1k() {
        return CreditGrant.purchased(PACK, ACME, CATALOG.requireCreditProduct("pack_1k"),
                Instant.parse("2026-03-03T09:00:00Z"), "order_77");
    }

    /** Applies each grant in turn to an empty ledger for {@link #ACME}. */
    static CreditLedger ledgerWith(CreditGrant... grants) {
        CreditLedger ledger = CreditLedger.empty(ACME);
        for (CreditGrant grant : grants) {
            ledger = ledger.grant(grant).ledger();
        }
        return ledger;
    }
}
