package io.billkit.domain.usage;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.Limit;
import io.billkit.domain.catalog.MeterTerms;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.money.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.billkit.domain.catalog.seed.SeedCatalogs.API_CALLS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.AI_TOKENS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.DATA_TRANSFER_GB;
import static io.billkit.domain.catalog.seed.SeedCatalogs.IMPRESSIONS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.SCENARIOS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeterUsageTest {
    private static final MeterTerms GROWTH_IMPRESSIONS =
            SeedCatalogs.apex().requirePlan(PlanCode.of("growth")).requireTerms(IMPRESSIONS);

    private static MeterTerms mortgage(String plan, io.billkit.domain.catalog.MeterKey meter) {
        return SeedCatalogs.mortgage().requirePlan(PlanCode.of(plan)).requireTerms(meter);
    }

    private static BigDecimal units(long n) {
        return BigDecimal.valueOf(n);
    }

    @Test
    void apex_growth_12_5M_impressions_bill_2_5M_over_at_50_cents_per_thousand() {
        MeterUsage usage = MeterUsage.of(GROWTH_IMPRESSIONS, units(12_500_000));
        assertThat(usage.meter()).isEqualTo(IMPRESSIONS);
        assertThat(usage.used()).isEqualByComparingTo("12500000");
        assertThat(usage.included()).isEqualTo(Limit.of(10_000_000));
        assertThat(usage.remaining()).isEqualTo(Limit.of(0));
        assertThat(usage.percentUsed()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("125.0"));
        assertThat(usage.overageUnits()).isEqualByComparingTo("2500000");
        assertThat(usage.overageCost()).isEqualTo(Money.of("1250.00", "USD"));
        assertThat(usage.isOverAllowance()).isTrue();
    }

    @Test
    void exactly_at_the_allowance_has_no_overage() {
        MeterUsage usage = MeterUsage.of(GROWTH_IMPRESSIONS, units(10_000_000));
        assertThat(usage.overageUnits()).isEqualByComparingTo("0");
        assertThat(usage.overageCost()).isEqualTo(Money.of("0.00", "USD"));
        assertThat(usage.remaining()).isEqualTo(Limit.of(0));
        assertThat(usage.percentUsed()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("100.0"));
        assertThat(usage.isOverAllowance()).isFalse();
    }

    @Test
    void one_over_bills_a_started_package_whole() {
        MeterUsage usage = MeterUsage.of(GROWTH_IMPRESSIONS, units(10_000_001));
        assertThat(usage.overageUnits()).isEqualByComparingTo("1");
        assertThat(usage.overageCost()).isEqualTo(Money.of("0.50", "USD"));
        assertThat(usage.percentUsed()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("100.0"));
    }

    @Test
    void zero_usage_leaves_the_whole_allowance() {
        MeterUsage usage = MeterUsage.of(GROWTH_IMPRESSIONS, BigDecimal.ZERO);
        assertThat(usage.remaining()).isEqualTo(Limit.of(10_000_000));
        assertThat(usage.percentUsed()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("0.0"));
        assertThat(usage.overageUnits()).isEqualByComparingTo("0");
        assertThat(usage.overageCost().isZero()).isTrue();
    }

    @Test
    void unlimited_stays_unlimited_with_no_percentage_and_no_overage() {
        MeterUsage usage = MeterUsage.of(mortgage("pro", SCENARIOS), units(1_000_000));
        assertThat(usage.included().isUnlimited()).isTrue();
        assertThat(usage.remaining().isUnlimited()).isTrue();
        assertThat(usage.percentUsed()).isEmpty();
        assertThat(usage.overageUnits()).isEqualByComparingTo("0");
        assertThat(usage.overageCost()).isEqualTo(Money.zero("USD"));
    }

    @Test
    void percent_used_is_rounded_half_up_to_one_decimal() {
        MeterTerms growthApi = SeedCatalogs.apex().requirePlan(PlanCode.of("growth")).requireTerms(API_CALLS);
        assertThat(MeterUsage.of(growthApi, units(333_333)).percentUsed()).hasValueSatisfying(
                p -> assertThat(p).isEqualByComparingTo("33.3"));
        assertThat(MeterUsage.of(growthApi, units(666_666)).percentUsed()).hasValueSatisfying(
                p -> assertThat(p).isEqualByComparingTo("66.7"));
        assertThat(MeterUsage.of(growthApi, units(999_500)).percentUsed()).hasValueSatisfying(
                p -> assertThat(p).isEqualByComparingTo("100.0"));
        assertThat(MeterUsage.of(growthApi, units(999_499)).percentUsed()).hasValueSatisfying(
                p -> assertThat(p).isEqualByComparingTo("99.9"));
    }

    @Test
    void hard_limits_report_overage_units_but_never_bill_them() {
        MeterUsage usage = MeterUsage.of(mortgage("free", API_CALLS), units(150));
        assertThat(usage.overageUnits()).isEqualByComparingTo("50");
        assertThat(usage.overageCost()).isEqualTo(Money.of("0.00", "USD"));
        assertThat(usage.remaining()).isEqualTo(Limit.of(0));
        assertThat(usage.percentUsed()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("150.0"));
    }

    @Test
    void a_zero_allowance_has_no_percentage_and_bills_every_unit_rounded_once() {
        // Pro: AI tokens, soft 0 included, USD 0.00003 per token
        MeterUsage usage = MeterUsage.of(mortgage("pro", AI_TOKENS), units(1_000_001));
        assertThat(usage.percentUsed()).isEmpty();
        assertThat(usage.overageUnits()).isEqualByComparingTo("1000001");
        assertThat(usage.overageCost()).isEqualTo(Money.of("30.00", "USD"));
        assertThat(MeterUsage.of(mortgage("pro", AI_TOKENS), units(500)).overageCost()).isEqualTo(Money.of("0.02", "USD"));
    }

    @Test
    void fractional_usage_is_priced_per_unit() {
        MeterTerms gb = SeedCatalogs.apex().requirePlan(PlanCode.of("starter")).requireTerms(DATA_TRANSFER_GB);
        MeterUsage usage = MeterUsage.of(gb, new BigDecimal("60.5"));
        assertThat(usage.overageUnits()).isEqualByComparingTo("10.5");
        assertThat(usage.overageCost()).isEqualTo(Money.of("0.53", "USD")); // 0.525 half up
        assertThat(usage.remaining()).isEqualTo(Limit.of(0));
    }

    @Test
    void negative_or_null_usage_is_rejected() {
        assertThatThrownBy(() -> MeterUsage.of(GROWTH_IMPRESSIONS, units(-1)))
                .isInstanceOf(BillingException.class).hasMessageContaining("used");
        assertThatThrownBy(() -> MeterUsage.of(GROWTH_IMPRESSIONS, null))
                .isInstanceOf(NullPointerException.class).hasMessage("used");
        assertThatThrownBy(() -> MeterUsage.of(null, BigDecimal.ONE))
                .isInstanceOf(NullPointerException.class).hasMessage("terms");
    }
}
