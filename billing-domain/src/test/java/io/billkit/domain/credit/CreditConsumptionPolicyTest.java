package io.billkit.domain.credit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.billkit.domain.credit.CreditFixtures.ACME;
import static io.billkit.domain.credit.CreditFixtures.credits;
import static org.assertj.core.api.Assertions.assertThat;

class CreditConsumptionPolicyTest {

    private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FEB = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant MAR = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant APR = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant MAY = Instant.parse("2026-05-01T00:00:00Z");

    private static CreditGrantId id(String value) {
        return CreditGrantId.of(value);
    }

    private static List<String> order(CreditConsumptionPolicy policy, CreditGrant... grants) {
        return List.of(grants).stream().sorted(policy.comparator()).map(g -> g.id().value()).toList();
    }

    @Test
    void the_default_policy_is_purchased_first() {
        assertThat(CreditConsumptionPolicy.DEFAULT).isEqualTo(CreditConsumptionPolicy.PURCHASED_FIRST);
    }

    @Test
    void purchased_first_takes_purchased_then_subscription_then_promotional_whatever_the_priorities() {
        CreditGrant promo = CreditGrant.promotional(id("promo"), ACME, credits("10"), JAN, APR, "", 0);
        CreditGrant sub = CreditGrant.subscription(id("sub"), ACME, credits("10"), MAR, APR, "", 1);
        CreditGrant pack = CreditGrant.purchased(id("pack"), ACME, credits("10"), FEB, "", 2);
        assertThat(order(CreditConsumptionPolicy.PURCHASED_FIRST, promo, sub, pack))
                .containsExactly("pack", "sub", "promo");
    }

    @Test
    void purchased_first_within_a_source_takes_soonest_expiry_then_oldest_grant() {
        CreditGrant promoLate = CreditGrant.promotional(id("promo_may"), ACME, credits("10"), JAN, MAY, "");
        CreditGrant promoSoon = CreditGrant.promotional(id("promo_apr"), ACME, credits("10"), MAR, APR, "");
        CreditGrant packNew = CreditGrant.purchased(id("pack_new"), ACME, credits("10"), MAR, "");
        CreditGrant packOld = CreditGrant.purchased(id("pack_old"), ACME, credits("10"), JAN, "");
        assertThat(order(CreditConsumptionPolicy.PURCHASED_FIRST, promoLate, packNew, promoSoon, packOld))
                .containsExactly("pack_old", "pack_new", "promo_apr", "promo_may");
    }

    @Test
    void priority_then_expiry_takes_lowest_priority_first_across_sources() {
        CreditGrant pack = CreditGrant.purchased(id("pack"), ACME, credits("10"), JAN, "", 1);
        CreditGrant sub = CreditGrant.subscription(id("sub"), ACME, credits("10"), MAR, APR, "", 5);
        CreditGrant promo = CreditGrant.promotional(id("promo"), ACME, credits("10"), MAR, APR, "", 0);
        assertThat(order(CreditConsumptionPolicy.PRIORITY_THEN_EXPIRY, sub, pack, promo))
                .containsExactly("promo", "pack", "sub");
    }

    @Test
    void priority_then_expiry_breaks_ties_by_soonest_expiry_with_no_expiry_last_then_oldest_grant() {
        CreditGrant pack = CreditGrant.purchased(id("pack"), ACME, credits("10"), JAN, "", 3);
        CreditGrant subMay = CreditGrant.subscription(id("sub_may"), ACME, credits("10"), MAR, MAY, "", 3);
        CreditGrant promoAprNew = CreditGrant.promotional(id("promo_apr_new"), ACME, credits("10"), MAR, APR, "", 3);
        CreditGrant promoAprOld = CreditGrant.promotional(id("promo_apr_old"), ACME, credits("10"), FEB, APR, "", 3);
        assertThat(order(CreditConsumptionPolicy.PRIORITY_THEN_EXPIRY, pack, subMay, promoAprNew, promoAprOld))
                .containsExactly("promo_apr_old", "promo_apr_new", "sub_may", "pack");
    }

    @Test
    void grants_equal_in_every_respect_are_ordered_by_id_so_debits_are_reproducible() {
        CreditGrant b = CreditGrant.purchased(id("b"), ACME, credits("10"), JAN, "");
        CreditGrant a = CreditGrant.purchased(id("a"), ACME, credits("10"), JAN, "");
        for (CreditConsumptionPolicy policy : CreditConsumptionPolicy.values()) {
            assertThat(order(policy, b, a)).containsExactly("a", "b");
        }
    }
}
