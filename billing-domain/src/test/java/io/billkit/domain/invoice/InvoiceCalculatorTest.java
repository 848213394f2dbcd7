package io.billkit.domain.invoice;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceLine.BaseFeeLine;
import io.billkit.domain.invoice.InvoiceLine.CreditAppliedLine;
import io.billkit.domain.invoice.InvoiceLine.ProrationLine;
import io.billkit.domain.invoice.InvoiceLine.UsageLine;
import io.billkit.domain.money.Money;
import io.billkit.domain.money.RoundingPolicy;
import io.billkit.domain.subscription.SubscriptionId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.billkit.domain.catalog.seed.SeedCatalogs.AI_TOKENS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.API_CALLS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.DATA_TRANSFER_GB;
import static io.billkit.domain.catalog.seed.SeedCatalogs.IMPRESSIONS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.SCENARIOS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.WEBHOOK_DELIVERIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvoiceCalculatorTest {
    private static final Plan APEX_STARTER = SeedCatalogs.apex().requirePlan(PlanCode.of("starter"));
    private static final Plan APEX_GROWTH = SeedCatalogs.apex().requirePlan(PlanCode.of("growth"));
    private static final Plan MORTGAGE_FREE = SeedCatalogs.mortgage().requirePlan(PlanCode.of("free"));
    private static final Plan MORTGAGE_PRO = SeedCatalogs.mortgage().requirePlan(PlanCode.of("pro"));
    private static final Plan MORTGAGE_ENTERPRISE = SeedCatalogs.mortgage().requirePlan(PlanCode.of("enterprise"));

    private final InvoiceCalculator calculator = InvoiceCalculator.forCatalog(SeedCatalogs.apex());

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    private static BigDecimal n(long value) {
        return BigDecimal.valueOf(value);
    }

    private static ErrorCode codeOf(Throwable e) {
        return ((BillingException) e).code();
    }

    private static UsageLine usageLineOf(List<InvoiceLine> lines, MeterKey meter) {
        return lines.stream().filter(UsageLine.class::isInstance).map(UsageLine.class::cast)
                .filter(line -> line.meter().equals(meter)).findFirst().orElseThrow();
    }

    private static Map<MeterKey, BigDecimal> apexGrowthUsage() {
        return Map.of(IMPRESSIONS, n(12_500_000), API_CALLS, n(1_200_000), DATA_TRANSFER_GB, n(510));
    }

    @Test
    void apex_growth_bills_base_fee_and_the_overage_of_each_meter() {
        List<InvoiceLine> lines = calculator.draftLines(APEX_GROWTH, apexGrowthUsage());

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo(new BaseFeeLine("Growth plan (monthly)", PlanCode.of("growth"), usd("499.00")));

        UsageLine impressions = usageLineOf(lines, IMPRESSIONS);
        assertThat(impressions.quantity()).isEqualByComparingTo("12500000");
        assertThat(impressions.includedQuantity()).isEqualByComparingTo("10000000");
        assertThat(impressions.billableQuantity()).isEqualByComparingTo("2500000");
        assertThat(impressions.priceDescription()).isEqualTo("USD 0.50 per 1000 units");
        assertThat(impressions.amount()).isEqualTo(usd("1250.00"));

        UsageLine apiCalls = usageLineOf(lines, API_CALLS);
        assertThat(apiCalls.billableQuantity()).isEqualByComparingTo("200000");
        assertThat(apiCalls.amount()).isEqualTo(usd("20.00"));

        // The seed prices data transfer per GB (USD 0.05 per unit), as the brief assumed.
        UsageLine transfer = usageLineOf(lines, DATA_TRANSFER_GB);
        assertThat(transfer.includedQuantity()).isEqualByComparingTo("500");
        assertThat(transfer.billableQuantity()).isEqualByComparingTo("10");
        assertThat(transfer.priceDescription()).isEqualTo("USD 0.05 per unit");
        assertThat(transfer.amount()).isEqualTo(usd("0.50"));

        assertThat(lines).extracting(InvoiceLine::description).containsExactly("Growth plan (monthly)",
                "Ad impressions overage", "API calls overage", "Data transfer overage");
        assertThat(impressions.meterName()).isEqualTo("Ad impressions");
        assertThat(impressions.unit()).isEqualTo("impression");
        assertThat(impressions.tiers()).isEmpty();
    }

    @Test
    void apex_growth_invoice_with_20_percent_tax_totals_2123_40() {
        Customer customer = Customer.of(CustomerId.of("apex_media"), "Apex Media", "ap@apex.test")
                .withTaxRate(new BigDecimal("0.20"));
        Invoice invoice = calculator.draftInvoice(InvoiceId.of("inv_growth"), customer, SubscriptionId.of("sub_growth"),
                APEX_GROWTH, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1), apexGrowthUsage(), List.of(),
                Optional.empty());

        InvoiceTotals totals = invoice.totals();
        assertThat(totals.subtotal()).isEqualTo(usd("1769.50"));
        assertThat(totals.credits()).isEqualTo(usd("0.00"));
        assertThat(totals.tax()).isEqualTo(usd("353.90"));
        assertThat(totals.total()).isEqualTo(usd("2123.40"));
        assertThat(invoice.finalize(InvoiceNumber.of(2026, 42), Instant.parse("2026-04-01T01:00:00Z"), ZoneOffset.UTC)
                .totals().amountDue()).isEqualTo(usd("2123.40"));
    }

    @Test
    void a_started_package_of_impressions_is_billed_whole() {
        List<InvoiceLine> lines = calculator.draftLines(APEX_GROWTH, Map.of(IMPRESSIONS, n(10_000_001)));
        UsageLine impressions = usageLineOf(lines, IMPRESSIONS);
        assertThat(impressions.billableQuantity()).isEqualByComparingTo("1");
        assertThat(impressions.amount()).isEqualTo(usd("0.50"));
    }

    @Test
    void usage_within_the_allowance_produces_only_the_base_fee() {
        List<InvoiceLine> lines = calculator.draftLines(APEX_GROWTH,
                Map.of(IMPRESSIONS, n(10_000_000), API_CALLS, n(999_999), DATA_TRANSFER_GB, BigDecimal.ZERO));
        assertThat(lines).hasSize(1).first().isInstanceOf(BaseFeeLine.class);
    }

    @Test
    void mortgage_enterprise_ai_tokens_are_rounded_once_per_line() {
        List<InvoiceLine> lines = calculator.draftLines(MORTGAGE_ENTERPRISE, Map.of(AI_TOKENS, n(1_234_567)));

        UsageLine tokens = usageLineOf(lines, AI_TOKENS);
        // 1,234,567 x USD 0.00003 = 37.03701 exactly, rounded once to 37.04
        assertThat(tokens.includedQuantity()).isEqualByComparingTo("0");
        assertThat(tokens.billableQuantity()).isEqualByComparingTo("1234567");
        assertThat(tokens.priceDescription()).isEqualTo("USD 0.00003 per unit");
        assertThat(tokens.amount()).isEqualTo(usd("37.04"));
        assertThat(InvoiceTotals.of(MORTGAGE_ENTERPRISE.currency(), lines, BigDecimal.ZERO).subtotal())
                .isEqualTo(usd("536.04"));
    }

    @Test
    void the_rounding_policy_decides_a_half_cent() {
        // 10,025 webhook deliveries on Enterprise: 25 over 10,000 at USD 0.001 = USD 0.025
        Map<MeterKey, BigDecimal> usage = Map.of(WEBHOOK_DELIVERIES, n(10_025));
        assertThat(usageLineOf(calculator.draftLines(MORTGAGE_ENTERPRISE, usage), WEBHOOK_DELIVERIES).amount())
                .isEqualTo(usd("0.03"));
        assertThat(usageLineOf(new InvoiceCalculator(RoundingPolicy.PER_LINE_HALF_EVEN)
                .draftLines(MORTGAGE_ENTERPRISE, usage), WEBHOOK_DELIVERIES).amount())
                .isEqualTo(usd("0.02"));
    }

    @Test
    void a_free_plan_under_hard_limits_produces_no_lines_at_all() {
        List<InvoiceLine> lines = calculator.draftLines(MORTGAGE_FREE,
                Map.of(API_CALLS, n(5_000), SCENARIOS, n(9), WEBHOOK_DELIVERIES, n(3)));
        assertThat(lines).isEmpty();
    }

    @Test
    void meters_under_a_hard_limit_are_never_charged_even_per_window() {
        List<InvoiceLine> lines = calculator.draftLinesFor(MORTGAGE_PRO,
                Map.of(API_CALLS, MeteredQuantity.perWindow(List.of(n(12_000), n(15_000)))), List.of(), Optional.empty());
        assertThat(lines).hasSize(1).first().isInstanceOf(BaseFeeLine.class);
    }

    @Test
    void unlimited_meters_are_never_charged() {
        List<InvoiceLine> lines = calculator.draftLines(MORTGAGE_ENTERPRISE, Map.of(SCENARIOS, n(1_000_000)));
        assertThat(lines).noneMatch(UsageLine.class::isInstance);
    }

    @Test
    void a_daily_allowance_counts_each_days_overage_on_its_own() {
        // Enterprise: 100,000 API calls per day, USD 0.01 per call past it.
        List<InvoiceLine> lines = calculator.draftLinesFor(MORTGAGE_ENTERPRISE,
                Map.of(API_CALLS, MeteredQuantity.perWindow(List.of(n(120_000), n(90_000), n(100_500)))),
                List.of(), Optional.empty());
        UsageLine calls = usageLineOf(lines, API_CALLS);
        assertThat(calls.quantity()).isEqualByComparingTo("310500");
        assertThat(calls.includedQuantity()).isEqualByComparingTo("300000");
        assertThat(calls.billableQuantity()).isEqualByComparingTo("20500"); // not 310,500 - 300,000
        assertThat(calls.amount()).isEqualTo(usd("205.00"));
    }

    @Test
    void a_period_total_for_a_daily_allowance_is_refused_when_the_split_would_matter() {
        assertThatThrownBy(() -> calculator.draftLines(MORTGAGE_ENTERPRISE, Map.of(API_CALLS, n(100_001))))
                .isInstanceOf(BillingException.class).hasMessageContaining("per window")
                .extracting(InvoiceCalculatorTest::codeOf).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        // at or below one day's allowance no day can have gone over
        assertThat(calculator.draftLines(MORTGAGE_ENTERPRISE, Map.of(API_CALLS, n(100_000))))
                .noneMatch(UsageLine.class::isInstance);
    }

    @Test
    void a_monthly_allowance_on_a_monthly_plan_takes_the_period_total() {
        // Pro: 50 reports per month, USD 5.00 each past it.
        List<InvoiceLine> lines = calculator.draftLines(MORTGAGE_PRO, Map.of(SeedCatalogs.REPORTS, n(53)));
        assertThat(usageLineOf(lines, SeedCatalogs.REPORTS).amount()).isEqualTo(usd("15.00"));
    }

    @Test
    void credit_is_applied_up_to_the_charges_and_never_makes_the_total_negative() {
        List<InvoiceLine> partial = calculator.draftLines(APEX_STARTER, Map.of(), List.of(), Optional.of(usd("20.00")));
        assertThat(partial.get(partial.size() - 1)).isEqualTo(new CreditAppliedLine("Credits applied", usd("-20.00")));
        assertThat(InvoiceTotals.of(APEX_STARTER.currency(), partial, BigDecimal.ZERO).total()).isEqualTo(usd("79.00"));

        List<InvoiceLine> capped = calculator.draftLines(APEX_STARTER, Map.of(), List.of(), Optional.of(usd("150.00")));
        assertThat(capped.get(capped.size() - 1).amount()).isEqualTo(usd("-99.00"));
        assertThat(InvoiceCalculator.creditApplied(capped, APEX_STARTER.currency())).isEqualTo(usd("99.00"));
        assertThat(InvoiceTotals.of(APEX_STARTER.currency(), capped, new BigDecimal("0.20")).total()).isEqualTo(usd("0.00"));
    }

    @Test
    void no_credit_line_when_there_is_nothing_to_apply_it_to() {
        assertThat(calculator.draftLines(MORTGAGE_FREE, Map.of(), List.of(), Optional.of(usd("50.00")))).isEmpty();
        assertThat(calculator.draftLines(APEX_STARTER, Map.of(), List.of(), Optional.of(usd("0.00"))))
                .noneMatch(CreditAppliedLine.class::isInstance);
    }

    @Test
    void prorations_come_after_usage_and_reduce_what_credit_can_cover() {
        ProrationLine refund = new ProrationLine("Unused time on Growth after downgrade", usd("-60.00"));
        List<InvoiceLine> lines = calculator.draftLines(APEX_STARTER, Map.of(IMPRESSIONS, n(1_002_000)),
                List.of(refund), Optional.of(usd("500.00")));
        assertThat(lines).extracting(line -> line.getClass().getSimpleName())
                .containsExactly("BaseFeeLine", "UsageLine", "ProrationLine", "CreditAppliedLine");
        // 99.00 + 1.00 - 60.00 = 40.00 left for credit
        assertThat(lines.get(3).amount()).isEqualTo(usd("-40.00"));
        InvoiceTotals totals = InvoiceTotals.of(APEX_STARTER.currency(), lines, new BigDecimal("0.20"));
        assertThat(totals.subtotal()).isEqualTo(usd("40.00"));
        assertThat(totals.total()).isEqualTo(usd("0.00"));
    }

    @Test
    void a_refund_larger_than_the_charges_gets_no_credit_and_a_zero_total() {
        List<InvoiceLine> lines = calculator.draftLines(APEX_STARTER, Map.of(),
                List.of(new ProrationLine("Refund", usd("-150.00"))), Optional.of(usd("10.00")));
        assertThat(lines).noneMatch(CreditAppliedLine.class::isInstance);
        assertThat(InvoiceTotals.of(APEX_STARTER.currency(), lines, new BigDecimal("0.20")).total()).isEqualTo(usd("0.00"));
    }

    @Test
    void credit_or_proration_in_another_currency_is_a_currency_mismatch() {
        assertThatThrownBy(() -> calculator.draftLines(APEX_STARTER, Map.of(), List.of(), Optional.of(Money.of("5.00", "EUR"))))
                .extracting(InvoiceCalculatorTest::codeOf).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
        assertThatThrownBy(() -> calculator.draftLines(APEX_STARTER, Map.of(),
                List.of(new ProrationLine("Refund", Money.of("-5.00", "EUR"))), Optional.of(usd("1.00"))))
                .extracting(InvoiceCalculatorTest::codeOf).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
    }

    @Test
    void usage_of_a_meter_the_plan_does_not_cover_is_refused_unless_it_is_zero() {
        assertThatThrownBy(() -> calculator.draftLines(APEX_GROWTH, Map.of(AI_TOKENS, n(1))))
                .extracting(InvoiceCalculatorTest::codeOf).isEqualTo(ErrorCode.UNKNOWN_METER);
        assertThat(calculator.draftLines(APEX_GROWTH, Map.of(AI_TOKENS, BigDecimal.ZERO))).hasSize(1);
    }

    @Test
    void negative_usage_is_refused() {
        assertThatThrownBy(() -> calculator.draftLines(APEX_GROWTH, Map.of(API_CALLS, n(-1))))
                .isInstanceOf(BillingException.class).hasMessageContaining("negative");
    }

    @Test
    void a_tiered_usage_line_carries_its_per_tier_breakdown() {
        io.billkit.domain.catalog.Plan plan = io.billkit.domain.catalog.Plan.builder("tiered", "Tiered", "USD")
                .meter(API_CALLS, io.billkit.domain.catalog.Allowance.soft(0, io.billkit.domain.catalog.Window.PERIOD),
                        io.billkit.domain.catalog.Price.graduatedIn("USD").upTo(1_000, "0.01").above("0.005"))
                .build();
        UsageLine line = usageLineOf(calculator.draftLines(plan, java.util.Map.of(API_CALLS, new BigDecimal("1500"))),
                API_CALLS);
        assertThat(line.description()).isEqualTo("API calls overage");
        assertThat(line.amount()).isEqualTo(usd("12.50"));
        assertThat(line.tiers()).hasSize(2);
        assertThat(line.tiers().get(1).units()).isEqualByComparingTo("500");
        assertThat(line.tiers().get(1).amount()).isEqualByComparingTo("2.50");
    }
}
