package io.billkit.domain.credit;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Optional;

import static io.billkit.domain.credit.CreditFixtures.ACME;
import static io.billkit.domain.credit.CreditFixtures.ANNUAL;
import static io.billkit.domain.credit.CreditFixtures.MID_MARCH;
import static io.billkit.domain.credit.CreditFixtures.PACK;
import static io.billkit.domain.credit.CreditFixtures.PERIOD_END;
import static io.billkit.domain.credit.CreditFixtures.PERIOD_START;
import static io.billkit.domain.credit.CreditFixtures.PROMO;
import static io.billkit.domain.credit.CreditFixtures.SUB_MARCH;
import static io.billkit.domain.credit.CreditFixtures.credits;
import static io.billkit.domain.credit.CreditFixtures.monthlyCredits;
import static io.billkit.domain.credit.CreditFixtures.packOf1k;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreditGrantTest {

    @Test
    void monthly_plan_grants_its_10_000_included_credits_expiring_at_period_end() {
        CreditGrant grant = monthlyCredits();
        assertThat(grant.source()).isEqualTo(CreditSource.SUBSCRIPTION);
        assertThat(grant.amount()).isEqualByComparingTo("10000");
        assertThat(grant.remaining()).isEqualByComparingTo("10000");
        assertThat(grant.grantedAt()).isEqualTo(PERIOD_START);
        assertThat(grant.expiresAt()).contains(PERIOD_END);
        assertThat(grant.reference()).isEqualTo("sub_1 2026-03");
    }

    @Test
    void annual_plan_grants_120_000_credits() {
        CreditGrant grant = CreditGrant.subscription(CreditGrantId.of("sub_2:2026"), ACME, ANNUAL,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), "");
        assertThat(grant.amount()).isEqualByComparingTo("120000");
    }

    @Test
    void a_plan_without_included_credits_cannot_be_granted() {
        var starter = SeedCatalogs.apex().requirePlan(PlanCode.of("starter"));
        assertThatThrownBy(() -> CreditGrant.subscription(SUB_MARCH, ACME, starter, PERIOD_START, PERIOD_END, ""))
                .isInstanceOf(BillingException.class).hasMessageContaining("starter includes no credits");
    }

    @Test
    void a_purchased_pack_grants_its_credits_without_expiry() {
        CreditGrant pack = packOf1k();
        assertThat(pack.source()).isEqualTo(CreditSource.PURCHASED);
        assertThat(pack.amount()).isEqualByComparingTo("1000");
        assertThat(pack.expiresAt()).isEmpty();
        assertThat(pack.priority()).isEqualTo(CreditGrant.DEFAULT_PRIORITY);
    }

    @Test
    void purchased_credits_are_active_from_grant_forever() {
        CreditGrant pack = packOf1k();
        assertThat(pack.isActiveAt(pack.grantedAt().minusNanos(1))).isFalse();
        assertThat(pack.isActiveAt(pack.grantedAt())).isTrue();
        assertThat(pack.isActiveAt(Instant.parse("2100-01-01T00:00:00Z"))).isTrue();
        assertThat(pack.isExpiredAt(Instant.parse("2100-01-01T00:00:00Z"))).isFalse();
    }

    @Test
    void a_grant_is_active_up_to_but_not_at_its_expiry_instant() {
        CreditGrant grant = monthlyCredits();
        assertThat(grant.isActiveAt(PERIOD_START)).isTrue();
        assertThat(grant.isActiveAt(PERIOD_END.minusNanos(1))).isTrue();
        assertThat(grant.isActiveAt(PERIOD_END)).isFalse();
        assertThat(grant.isExpiredAt(PERIOD_END)).isTrue();
        assertThat(grant.availableAt(PERIOD_END)).isEqualByComparingTo("0");
        assertThat(grant.availableAt(MID_MARCH)).isEqualByComparingTo("10000");
    }

    @Test
    void purchased_credits_with_an_expiry_are_refused() {
        assertThatThrownBy(() -> new CreditGrant(PACK, ACME, CreditSource.PURCHASED, credits("1000"), credits("1000"),
                PERIOD_START, Optional.of(PERIOD_END), 0, ""))
                .isInstanceOf(BillingException.class).hasMessageContaining("never expire");
    }

    @Test
    void subscription_and_promotional_credits_need_an_expiry() {
        for (CreditSource source : new CreditSource[] {CreditSource.SUBSCRIPTION, CreditSource.PROMOTIONAL}) {
            assertThatThrownBy(() -> new CreditGrant(PROMO, ACME, source, credits("10"), credits("10"),
                    PERIOD_START, Optional.empty(), 0, ""))
                    .isInstanceOf(BillingException.class).hasMessageContaining("need an expiresAt");
        }
    }

    @Test
    void an_expiry_at_or_before_the_grant_is_refused() {
        assertThatThrownBy(() -> CreditGrant.promotional(PROMO, ACME, credits("10"), PERIOD_START, PERIOD_START, ""))
                .isInstanceOf(BillingException.class).hasMessageContaining("must be after grantedAt");
        assertThatThrownBy(() -> CreditGrant.subscription(SUB_MARCH, ACME, credits("10"), PERIOD_END, PERIOD_START, ""))
                .isInstanceOf(BillingException.class).hasMessageContaining("must be after grantedAt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "-0.000001"})
    void zero_and_negative_grant_amounts_are_refused(String amount) {
        assertThatThrownBy(() -> CreditGrant.purchased(PACK, ACME, credits(amount), PERIOD_START, ""))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("amount must be greater than 0");
    }

    @Test
    void amounts_have_at_most_six_decimals() {
        assertThat(CreditGrant.purchased(PACK, ACME, credits("0.000001"), PERIOD_START, "").amount())
                .isEqualByComparingTo("0.000001");
        assertThat(CreditGrant.purchased(PACK, ACME, credits("2.5000000"), PERIOD_START, "").amount())
                .isEqualByComparingTo("2.5");
        assertThatThrownBy(() -> CreditGrant.purchased(PACK, ACME, credits("0.0000001"), PERIOD_START, ""))
                .isInstanceOf(BillingException.class).hasMessageContaining("at most 6 decimals");
    }

    @Test
    void remaining_must_lie_between_zero_and_the_amount() {
        assertThatThrownBy(() -> new CreditGrant(PACK, ACME, CreditSource.PURCHASED, credits("10"), credits("10.5"),
                PERIOD_START, Optional.empty(), 0, ""))
                .isInstanceOf(BillingException.class).hasMessageContaining("must not exceed amount");
        assertThatThrownBy(() -> new CreditGrant(PACK, ACME, CreditSource.PURCHASED, credits("10"), credits("-1"),
                PERIOD_START, Optional.empty(), 0, ""))
                .isInstanceOf(BillingException.class).hasMessageContaining("must not be negative");
        CreditGrant half = new CreditGrant(PACK, ACME, CreditSource.PURCHASED, credits("10"), credits("4"),
                PERIOD_START, Optional.empty(), 0, "");
        assertThat(half.used()).isEqualByComparingTo("6");
        assertThat(half.isExhausted()).isFalse();
    }

    @Test
    void promotional_credits_keep_their_own_expiry_and_priority() {
        Instant expiry = Instant.parse("2026-03-20T00:00:00Z");
        CreditGrant promo = CreditGrant.promotional(PROMO, ACME, credits("500"), PERIOD_START, expiry, "spring", 7);
        assertThat(promo.source()).isEqualTo(CreditSource.PROMOTIONAL);
        assertThat(promo.expiresAt()).contains(expiry);
        assertThat(promo.priority()).isEqualTo(7);
    }

    @Test
    void grant_ids_are_validated() {
        assertThat(CreditGrantId.of("sub_1:2026-03").value()).isEqualTo("sub_1:2026-03");
        assertThatThrownBy(() -> CreditGrantId.of("")).isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> CreditGrantId.of("has space")).isInstanceOf(BillingException.class)
                .hasMessageContaining("creditGrantId");
        assertThatThrownBy(() -> CreditGrantId.of("x".repeat(65))).isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> CreditGrantId.of(null)).isInstanceOf(NullPointerException.class);
    }
}
