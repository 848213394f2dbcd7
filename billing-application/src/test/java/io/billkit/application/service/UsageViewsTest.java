package io.billkit.application.service;

import io.billkit.application.port.in.usage.CurrentUsageView;
import io.billkit.application.port.in.usage.DailyUsageView;
import io.billkit.application.port.in.usage.MeterUsageView;
import io.billkit.application.port.in.usage.UsageHistoryQuery;
import io.billkit.application.port.in.usage.UsageHistoryView;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Limit;
import io.billkit.domain.catalog.LimitMode;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.Window;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.Money;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import static io.billkit.application.service.UsageTestFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

class UsageViewsTest {

    @Test
    void apex_growth_at_12_5_million_impressions_owes_usd_1250_of_overage_and_projects_the_month() {
        // 15 of March's 31 days have passed
        UsageTestFixture f = new UsageTestFixture(SeedCatalogs.apex(), "2026-03-16T00:00:00Z");
        CustomerId customer = f.subscribe("cus_growth", ZoneOffset.UTC, "growth", "2026-03-01T00:00:00Z").customer();
        f.record(event("imp-1", customer, "impressions", "7500000", "2026-03-05T10:00:00Z"),
                event("imp-2", customer, "impressions", "5000000", "2026-03-15T10:00:00Z"),
                event("api-1", customer, "api_calls", "250000", "2026-03-15T10:00:00Z"));

        CurrentUsageView view = f.currentUsage().current(customer);

        assertThat(view.plan()).isEqualTo(PlanCode.of("growth"));
        assertThat(view.periodStart()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(view.periodEnd()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(view.meters()).extracting(m -> m.meter().value())
                .containsExactly("impressions", "api_calls", "data_transfer_gb");
        MeterUsageView impressions = view.meters().get(0);
        assertThat(impressions.name()).isEqualTo("Ad impressions");
        assertThat(impressions.window()).isEqualTo(Window.PERIOD);
        assertThat(impressions.mode()).isEqualTo(LimitMode.SOFT);
        assertThat(impressions.used()).isEqualByComparingTo("12500000");
        assertThat(impressions.included()).isEqualTo(Limit.of(10_000_000));
        assertThat(impressions.remaining()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("0"));
        assertThat(impressions.percentUsed()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("125.0"));
        assertThat(impressions.overageUnits()).isEqualByComparingTo("2500000");
        assertThat(impressions.overageCost().isEqualTo(Money.of("1250.00", "USD"))).isTrue();
        // 12.5M over 15 days -> 25,833,333.333333 over 31; 15,833,333.33 past the allowance = 15,834 started packages
        assertThat(impressions.projectedUsage()).isEqualByComparingTo("25833333.333333");
        assertThat(impressions.projectedCost().isEqualTo(Money.of("7917.00", "USD"))).isTrue();

        MeterUsageView apiCalls = view.meters().get(1);
        assertThat(apiCalls.used()).isEqualByComparingTo("250000");
        assertThat(apiCalls.remaining()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("750000"));
        assertThat(apiCalls.percentUsed()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("25.0"));
        assertThat(apiCalls.overageCost().isZero()).isTrue();
        MeterUsageView transfer = view.meters().get(2);
        assertThat(transfer.used()).isEqualByComparingTo("0");
        assertThat(transfer.projectedUsage()).isEqualByComparingTo("0");
    }

    @Test
    void mortgage_pro_current_usage_reads_the_local_day_for_daily_limits_and_reports_no_overage_under_hard() {
        UsageTestFixture f = new UsageTestFixture(SeedCatalogs.mortgage(), "2026-03-10T16:00:00Z");
        CustomerId customer = f.subscribe("cus_pro", ZoneId.of("America/New_York"), "pro", "2026-03-01T15:00:00Z").customer();
        f.record(event("yesterday", customer, "api_calls", "9000", "2026-03-10T03:59:59Z"),
                event("today", customer, "api_calls", "500", "2026-03-10T04:00:00Z"),
                event("tokens", customer, "ai_tokens", "1000", "2026-03-10T12:00:00Z"));

        CurrentUsageView view = f.currentUsage().current(customer);
        MeterUsageView apiCalls = view.meters().stream().filter(m -> m.meter().equals(SeedCatalogs.API_CALLS)).findFirst().orElseThrow();
        assertThat(apiCalls.used()).isEqualByComparingTo("500");
        assertThat(apiCalls.mode()).isEqualTo(LimitMode.HARD);
        assertThat(apiCalls.overageUnits()).isEqualByComparingTo("0");
        // 500 in the first 12 hours of a 24-hour day
        assertThat(apiCalls.projectedUsage()).isEqualByComparingTo("1000");
        MeterUsageView tokens = view.meters().stream().filter(m -> m.meter().equals(SeedCatalogs.AI_TOKENS)).findFirst().orElseThrow();
        assertThat(tokens.overageUnits()).isEqualByComparingTo("1000");
        assertThat(tokens.overageCost().isEqualTo(Money.of("0.03", "USD"))).isTrue();
        assertThat(tokens.percentUsed()).isEmpty();
        MeterUsageView scenarios = view.meters().stream().filter(m -> m.meter().equals(SeedCatalogs.SCENARIOS)).findFirst().orElseThrow();
        assertThat(scenarios.remaining()).isEmpty();
        assertThat(scenarios.included()).isEqualTo(Limit.unlimited());
    }

    @Test
    void current_usage_without_a_live_subscription_is_not_found() {
        UsageTestFixture f = new UsageTestFixture(SeedCatalogs.apex(), "2026-03-16T00:00:00Z");
        CustomerId customer = f.customer("cus_none", ZoneOffset.UTC);
        assertThatThrownBy(() -> f.currentUsage().current(customer)).asInstanceOf(type(BillingException.class))
                .extracting(BillingException::code).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void usage_history_lists_the_daily_rollups_oldest_first_optionally_for_one_meter() {
        UsageTestFixture f = new UsageTestFixture(SeedCatalogs.apex(), "2026-03-16T00:00:00Z");
        CustomerId customer = f.subscribe("cus_history", ZoneId.of("Europe/Berlin"), "growth", "2026-03-01T00:00:00Z").customer();
        f.record(event("a", customer, "impressions", "100", "2026-03-03T22:30:00Z"),  // March 3, 23:30 in Berlin
                event("b", customer, "impressions", "200", "2026-03-03T23:30:00Z"),   // March 4, 00:30 in Berlin
                event("c", customer, "api_calls", "7", "2026-03-04T10:00:00Z"),
                event("d", customer, "impressions", "50", "2026-03-10T10:00:00Z"));

        UsageHistoryView all = f.usageHistory().history(new UsageHistoryQuery(customer, Optional.empty(),
                LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 9)));
        assertThat(all.days()).extracting(d -> d.day() + " " + d.meter() + " " + d.value().toPlainString())
                .containsExactly("2026-03-03 impressions 100", "2026-03-04 api_calls 7", "2026-03-04 impressions 200");

        UsageHistoryView impressions = f.usageHistory().history(new UsageHistoryQuery(customer,
                Optional.of(SeedCatalogs.IMPRESSIONS), LocalDate.of(2026, 3, 4), LocalDate.of(2026, 3, 10)));
        assertThat(impressions.days()).extracting(DailyUsageView::day)
                .containsExactly(LocalDate.of(2026, 3, 4), LocalDate.of(2026, 3, 10));

        assertThatThrownBy(() -> f.usageHistory().history(new UsageHistoryQuery(CustomerId.of("cus_ghost"),
                Optional.empty(), LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 9))))
                .asInstanceOf(type(BillingException.class))
                .extracting(BillingException::code).isEqualTo(ErrorCode.NOT_FOUND);
    }
}
