package io.billkit.domain.forecast;

import io.billkit.domain.catalog.MeterTerms;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.money.Money;
import io.billkit.domain.time.TimeWindow;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import static io.billkit.domain.catalog.seed.SeedCatalogs.API_CALLS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.IMPRESSIONS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.SCENARIOS;
import static org.assertj.core.api.Assertions.assertThat;

class UsageForecastTest {
    private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
    private static final TimeWindow JUNE = new TimeWindow(START, Instant.parse("2026-07-01T00:00:00Z"));
    private static final Instant MID_JUNE = START.plus(Duration.ofDays(15));
    private static final MeterTerms GROWTH_IMPRESSIONS =
            SeedCatalogs.apex().requirePlan(PlanCode.of("growth")).requireTerms(IMPRESSIONS);

    @Test
    void half_way_through_with_6M_impressions_projects_12M_and_USD_1000_of_overage() {
        UsageForecast forecast = UsageForecast.of(GROWTH_IMPRESSIONS, BigDecimal.valueOf(6_000_000), JUNE, MID_JUNE);
        assertThat(forecast.meter()).isEqualTo(IMPRESSIONS);
        assertThat(forecast.window()).isEqualTo(JUNE);
        assertThat(forecast.at()).isEqualTo(MID_JUNE);
        assertThat(forecast.usedSoFar()).isEqualByComparingTo("6000000");
        assertThat(forecast.projectedUsage()).isEqualByComparingTo("12000000");
        assertThat(forecast.projectedOverageUnits()).isEqualByComparingTo("2000000");
        assertThat(forecast.currentOverageCost()).isEqualTo(Money.of("0.00", "USD"));
        assertThat(forecast.projectedOverageCost()).isEqualTo(Money.of("1000.00", "USD"));
    }

    @Test
    void a_projection_over_the_budget_will_exceed_it_and_one_exactly_at_it_stays_within() {
        UsageForecast forecast = UsageForecast.of(GROWTH_IMPRESSIONS, BigDecimal.valueOf(6_000_000), JUNE, MID_JUNE);
        assertThat(forecast.against(Money.of("500.00", "USD")).status()).isEqualTo(BudgetStatus.WILL_EXCEED);
        assertThat(forecast.willExceed(Money.of("500.00", "USD"))).isTrue();
        assertThat(forecast.against(Money.of("1000.00", "USD")).status()).isEqualTo(BudgetStatus.WITHIN);
        assertThat(forecast.willExceed(Money.of("1000.00", "USD"))).isFalse();
    }

    @Test
    void spend_already_over_the_budget_is_exceeded() {
        UsageForecast forecast = UsageForecast.of(GROWTH_IMPRESSIONS, BigDecimal.valueOf(12_500_000), JUNE, MID_JUNE);
        assertThat(forecast.currentOverageCost()).isEqualTo(Money.of("1250.00", "USD"));
        assertThat(forecast.projectedOverageCost()).isEqualTo(Money.of("7500.00", "USD"));
        assertThat(forecast.against(Money.of("1000.00", "USD")).status()).isEqualTo(BudgetStatus.EXCEEDED);
    }

    @Test
    void zero_usage_projects_no_overage() {
        UsageForecast forecast = UsageForecast.of(GROWTH_IMPRESSIONS, BigDecimal.ZERO, JUNE, MID_JUNE);
        assertThat(forecast.projectedUsage()).isEqualByComparingTo("0");
        assertThat(forecast.projectedOverageUnits()).isEqualByComparingTo("0");
        assertThat(forecast.projectedOverageCost().isZero()).isTrue();
    }

    @Test
    void hard_limits_project_refused_units_but_no_cost() {
        MeterTerms freeApi = SeedCatalogs.mortgage().requirePlan(PlanCode.of("free")).requireTerms(API_CALLS);
        TimeWindow day = new TimeWindow(START, START.plus(Duration.ofDays(1)));
        UsageForecast forecast = UsageForecast.of(freeApi, BigDecimal.valueOf(60), day, START.plus(Duration.ofHours(12)));
        assertThat(forecast.projectedUsage()).isEqualByComparingTo("120");
        assertThat(forecast.projectedOverageUnits()).isEqualByComparingTo("20");
        assertThat(forecast.projectedOverageCost().isZero()).isTrue();
    }

    @Test
    void unlimited_projects_usage_without_overage() {
        MeterTerms scenarios = SeedCatalogs.mortgage().requirePlan(PlanCode.of("pro")).requireTerms(SCENARIOS);
        UsageForecast forecast = UsageForecast.of(scenarios, BigDecimal.valueOf(500), JUNE, MID_JUNE);
        assertThat(forecast.projectedUsage()).isEqualByComparingTo("1000");
        assertThat(forecast.projectedOverageUnits()).isEqualByComparingTo("0");
        assertThat(forecast.projectedOverageCost().isZero()).isTrue();
    }
}
