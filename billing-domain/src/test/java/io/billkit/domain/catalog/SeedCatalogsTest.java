package io.billkit.domain.catalog;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.money.Money;
import io.billkit.domain.money.RoundingPolicy;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.billkit.domain.catalog.seed.SeedCatalogs.API_CALLS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.DATA_TRANSFER_GB;
import static io.billkit.domain.catalog.seed.SeedCatalogs.IMPRESSIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeedCatalogsTest {

    private static Money overage(Plan plan, MeterKey meter, long used) {
        MeterTerms terms = plan.requireTerms(meter);
        BigDecimal exact = terms.overagePrice().exactAmount(terms.billableUnits(BigDecimal.valueOf(used)));
        return RoundingPolicy.PER_LINE_HALF_UP.round(exact, plan.currency());
    }

    @Test
    void growth_plan_with_12_5m_impressions_bills_2_5m_over_at_half_a_dollar_per_thousand() {
        Plan growth = SeedCatalogs.apex().requirePlan(PlanCode.of("growth"));
        MeterTerms impressions = growth.requireTerms(IMPRESSIONS);
        assertThat(impressions.billableUnits(BigDecimal.valueOf(12_500_000))).isEqualByComparingTo("2500000");
        assertThat(overage(growth, IMPRESSIONS, 12_500_000)).isEqualTo(Money.of("1250.00", "USD"));
    }

    @Test
    void apex_allowances_match_the_seed() {
        Catalog apex = SeedCatalogs.apex();
        assertThat(apex.plans()).extracting(p -> p.code().value()).containsExactly("starter", "growth", "scale", "enterprise");
        long[][] expected = {
                {1_000_000, 100_000, 50}, {10_000_000, 1_000_000, 500},
                {50_000_000, 5_000_000, 2_500}, {100_000_000, 10_000_000, 5_000}};
        for (int i = 0; i < 4; i++) {
            Plan plan = apex.plans().get(i);
            assertThat(plan.requireTerms(IMPRESSIONS).allowance().included()).isEqualTo(Limit.of(expected[i][0]));
            assertThat(plan.requireTerms(API_CALLS).allowance().included()).isEqualTo(Limit.of(expected[i][1]));
            assertThat(plan.requireTerms(DATA_TRANSFER_GB).allowance().included()).isEqualTo(Limit.of(expected[i][2]));
        }
    }

    @Test
    void apex_api_call_and_data_transfer_overage() {
        Plan starter = SeedCatalogs.apex().requirePlan(PlanCode.of("starter"));
        assertThat(overage(starter, API_CALLS, 100_000)).isEqualTo(Money.of("0.00", "USD"));
        assertThat(overage(starter, API_CALLS, 100_001)).isEqualTo(Money.of("0.10", "USD"));
        assertThat(overage(starter, API_CALLS, 350_000)).isEqualTo(Money.of("25.00", "USD"));
        assertThat(overage(starter, DATA_TRANSFER_GB, 75)).isEqualTo(Money.of("1.25", "USD"));
        assertThat(overage(starter, DATA_TRANSFER_GB, 0)).isEqualTo(Money.of("0.00", "USD"));
    }

    @Test
    void pro_plan_with_10001_api_calls_in_a_day_is_over_by_exactly_one() {
        Plan pro = SeedCatalogs.mortgage().requirePlan(PlanCode.of("pro"));
        Allowance allowance = pro.requireTerms(API_CALLS).allowance();
        assertThat(allowance.window()).isEqualTo(Window.DAY);
        assertThat(allowance.mode()).isEqualTo(LimitMode.HARD);
        assertThat(allowance.overage(BigDecimal.valueOf(10_001))).isEqualByComparingTo("1");
        assertThat(allowance.overage(BigDecimal.valueOf(10_000))).isEqualByComparingTo("0");
        assertThat(allowance.included().isExceededBy(BigDecimal.valueOf(10_001))).isTrue();
        assertThat(allowance.included().isExceededBy(BigDecimal.valueOf(10_000))).isFalse();
    }

    @Test
    void mortgage_plans_carry_the_seed_limits_and_prices() {
        Catalog mortgage = SeedCatalogs.mortgage();
        Plan free = mortgage.requirePlan(PlanCode.of("free"));
        Plan enterprise = mortgage.requirePlan(PlanCode.of("enterprise"));
        assertThat(free.basePrice()).isEqualTo(Money.of("0", "USD"));
        assertThat(mortgage.requirePlan(PlanCode.of("pro")).basePrice()).isEqualTo(Money.of("99", "USD"));
        assertThat(enterprise.basePrice()).isEqualTo(Money.of("499", "USD"));
        assertThat(free.entitlements().seats()).isEqualTo(Limit.of(1));
        assertThat(enterprise.entitlements().seats().isUnlimited()).isTrue();
        assertThat(free.requireTerms(SeedCatalogs.WEBHOOK_DELIVERIES).allowance().included()).isEqualTo(Limit.of(0));
        assertThat(enterprise.requireTerms(SeedCatalogs.REPORTS).allowance().isUnlimited()).isTrue();
        // Enterprise bills API calls past 100,000 a day at USD 0.01 each.
        assertThat(overage(enterprise, API_CALLS, 100_250)).isEqualTo(Money.of("2.50", "USD"));
        // 1,234,567 AI tokens at USD 0.00003 = 37.03701 -> one rounding per line.
        assertThat(overage(enterprise, SeedCatalogs.AI_TOKENS, 1_234_567)).isEqualTo(Money.of("37.04", "USD"));
    }

    @Test
    void hard_allowances_never_bill_overage() {
        Plan free = SeedCatalogs.mortgage().requirePlan(PlanCode.of("free"));
        assertThat(free.requireTerms(API_CALLS).billableUnits(BigDecimal.valueOf(500))).isEqualByComparingTo("0");
    }

    @Test
    void unlimited_is_its_own_value_and_never_over() {
        Allowance unlimited = Allowance.unlimited();
        assertThat(unlimited.isUnlimited()).isTrue();
        assertThat(unlimited.overage(new BigDecimal("1e15"))).isEqualByComparingTo("0");
        assertThat(unlimited.included().isExceededBy(new BigDecimal("1e15"))).isFalse();
    }

    @Test
    void credits_catalog_prices_events_in_credits() {
        Catalog credits = SeedCatalogs.credits();
        assertThat(credits.requireCreditEvent("api_call_basic").credits()).isEqualByComparingTo("1");
        assertThat(credits.requireCreditEvent("api_call_premium").creditsFor(BigDecimal.valueOf(3))).isEqualByComparingTo("15");
        assertThat(credits.requireCreditEvent("storage_gb_month").credits()).isEqualByComparingTo("10");
        assertThat(credits.requireCreditEvent("ai_inference").credits()).isEqualByComparingTo("25");
        assertThat(credits.requirePlan(PlanCode.of("monthly")).includedCredits()).isEqualByComparingTo("10000");
        assertThat(credits.requirePlan(PlanCode.of("annual")).interval()).isEqualTo(BillingInterval.YEAR);
        assertThat(credits.creditProducts()).hasSize(3);
        assertThatThrownBy(() -> credits.requireCreditEvent("nope"))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_CREDIT_EVENT));
    }

    @Test
    void unknown_plan_and_meter_are_named() {
        Catalog apex = SeedCatalogs.apex();
        assertThatThrownBy(() -> apex.requirePlan(PlanCode.of("platinum")))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_PLAN))
                .hasMessageContaining("platinum");
        assertThatThrownBy(() -> apex.requireMeter(MeterKey.of("seats")))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_METER))
                .hasMessageContaining("seats");
        assertThatThrownBy(() -> SeedCatalogs.named("nope")).hasMessageContaining("apex, credits, mortgage");
        assertThat(SeedCatalogs.named(" Mortgage ").name()).isEqualTo("mortgage");
    }

    @Test
    void validation_lists_every_problem_with_plan_and_meter() {
        Meter calls = Meter.of("api_calls", "API calls", "call", Aggregation.SUM);
        Plan broken = new Plan(PlanCode.of("broken"), "Broken", Money.currency("USD"), BillingInterval.MONTH,
                Money.of("10", "EUR"), 0, BigDecimal.ZERO, Entitlements.none(),
                List.of(new MeterTerms(MeterKey.of("ghost"), Allowance.soft(1, Window.DAY),
                                Price.perUnit(io.billkit.domain.money.UnitPrice.of("1", "USD"))),
                        new MeterTerms(MeterKey.of("api_calls"), new Allowance(Limit.unlimited(), Window.DAY, LimitMode.HARD),
                                Price.perUnit(io.billkit.domain.money.UnitPrice.of("1", "GBP")))));
        assertThatThrownBy(() -> new Catalog("bad", List.of(calls, calls), List.of(broken), List.of(), List.of()))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CATALOG))
                .hasMessageContaining("meter 'api_calls' is defined twice")
                .hasMessageContaining("plan 'broken': base price is in EUR")
                .hasMessageContaining("plan 'broken', meter 'ghost': meter is not defined")
                .hasMessageContaining("plan 'broken', meter 'api_calls': overage price is in GBP")
                .hasMessageContaining("plan 'broken', meter 'api_calls': an unlimited allowance cannot be HARD");
    }

    @Test
    void ids_and_keys_refuse_malformed_values() {
        assertThatThrownBy(() -> MeterKey.of("API Calls")).hasMessageContaining("meter key");
        assertThatThrownBy(() -> PlanCode.of("")).hasMessageContaining("plan code");
        assertThat(MeterKey.of("api_calls")).isEqualTo(new MeterKey("api_calls")).hasSameHashCodeAs(new MeterKey("api_calls"));
    }
}
